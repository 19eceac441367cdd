package dev.heartbeat.fleet;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;

import javax.sql.DataSource;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.jspecify.annotations.Nullable;

/**
 * A real PostgreSQL server (zonky's embedded binaries, from Maven Central) that can be
 * stopped and started again on the same port with the same data.
 * <p>
 * PostgreSQL refuses to run as root; as root, zonky runs {@code initdb} and
 * {@code pg_ctl} under {@code unshare -U}, in a user namespace where the server is not
 * root (Linux's unprivileged user namespaces, on by default in Debian and Ubuntu
 * kernels).
 */
public final class LocalPostgres implements AutoCloseable {

	private static final Path BASE = Path.of(System.getProperty("java.io.tmpdir"), "heartbeat-embedded-pg");

	private static @Nullable LocalPostgres shared;

	private final Path dataDirectory;

	private int port;

	private @Nullable EmbeddedPostgres server;

	private LocalPostgres(Path dataDirectory) {
		this.dataDirectory = dataDirectory;
	}

	/**
	 * Start a server with an empty database on a free port.
	 * @return the running server
	 * @throws IOException if it cannot start
	 */
	public static LocalPostgres start() throws IOException {
		Files.createDirectories(BASE);
		LocalPostgres postgres = new LocalPostgres(Files.createTempDirectory(BASE, "data-"));
		postgres.startServer();
		return postgres;
	}

	/**
	 * A server shared by the tests of this JVM that never stop it, started on first use
	 * and stopped when the JVM exits.
	 * @return the shared server
	 * @throws IOException if it cannot start
	 */
	public static synchronized LocalPostgres shared() throws IOException {
		if (shared == null) {
			LocalPostgres started = start();
			Runtime.getRuntime().addShutdownHook(new Thread(() -> {
				try {
					started.close();
				}
				catch (IOException ex) {
					// the JVM is exiting: the temporary directory is left behind at worst
				}
			}, "local-postgres-closer"));
			shared = started;
		}
		return shared;
	}

	/**
	 * The port the server listens on, the same across restarts.
	 * @return the port
	 */
	public int port() {
		return this.port;
	}

	public String jdbcUrl() {
		return "jdbc:postgresql://localhost:" + this.port + "/postgres";
	}

	public String username() {
		return "postgres";
	}

	public synchronized DataSource dataSource() {
		EmbeddedPostgres running = this.server;
		if (running == null) {
			throw new IllegalStateException("PostgreSQL is stopped");
		}
		return running.getPostgresDatabase();
	}

	/**
	 * Stop the server, keeping its data.
	 * @throws IOException if it cannot stop
	 */
	public synchronized void stop() throws IOException {
		EmbeddedPostgres running = this.server;
		this.server = null;
		if (running != null) {
			running.close();
		}
	}

	/**
	 * Start the server again, on its port with its data.
	 * @throws IOException if it cannot start
	 */
	public synchronized void restart() throws IOException {
		if (this.server == null) {
			startServer();
		}
	}

	private void startServer() throws IOException {
		EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
			.setDataDirectory(this.dataDirectory)
			// kept on stop, so that a restart finds the table and its rows
			.setCleanDataDirectory(false)
			.setServerConfig("max_connections", "400")
			.setServerConfig("fsync", "off")
			.setPGStartupWait(Duration.ofSeconds(60));
		if (this.port != 0) {
			builder.setPort(this.port);
		}
		EmbeddedPostgres started = builder.start();
		this.port = started.getPort();
		this.server = started;
	}

	@Override
	public void close() throws IOException {
		stop();
		try (Stream<Path> files = Files.walk(this.dataDirectory)) {
			files.sorted(Comparator.reverseOrder()).forEach((file) -> file.toFile().delete());
		}
	}

}
