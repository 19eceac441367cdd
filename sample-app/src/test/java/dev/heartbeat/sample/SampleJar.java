package dev.heartbeat.sample;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The repackaged sample jar started with {@code java -jar} in a child JVM, as a user
 * would, on a free port, with its output in a file. Used by the failsafe
 * {@code *IntegrationTests}, which run after {@code package}.
 */
final class SampleJar {

	// a cold JVM starting a Boot application on a loaded 2-core machine can take a minute
	static final Duration GENEROUS = Duration.ofMinutes(3);

	private final Process process;

	private final Path output;

	private final SampleClient client;

	private SampleJar(Process process, Path output, int port) {
		this.process = process;
		this.output = output;
		this.client = new SampleClient(port);
	}

	/**
	 * Start the sample jar.
	 * @param directory where its temporary files and its output go
	 * @param jvmOptions options of the JVM, before {@code -jar}
	 * @param arguments the application's arguments, after {@code --server.port}
	 * @return the started process, not yet serving
	 */
	static SampleJar start(Path directory, List<String> jvmOptions, List<String> arguments) throws IOException {
		Path jar = Path.of(System.getProperty("sample.jar", "target/heartbeat-sample-app-0.1.0-SNAPSHOT.jar"));
		assertThat(jar).as("the repackaged jar (run ./mvnw package first)").isRegularFile();
		Path output = directory.resolve("sample.log");
		int port = freePort();
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		command.add("-Djava.io.tmpdir=" + directory);
		command.addAll(jvmOptions);
		command.addAll(List.of("-jar", jar.toString(), "--server.port=" + port));
		command.addAll(arguments);
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile());
		// the child must not pick up a notify socket or configuration meant for the build
		builder.environment()
			.keySet()
			.removeIf((name) -> name.startsWith("HEARTBEAT_") || name.startsWith("SPRING_")
					|| name.startsWith("WATCHDOG_") || name.equals("NOTIFY_SOCKET"));
		return new SampleJar(builder.start(), output, port);
	}

	/**
	 * Wait until a path answers 200, failing at once if the sample exits.
	 * @param path the path, such as {@code /actuator/health}
	 * @return a client of the sample
	 */
	SampleClient awaitServing(String path) {
		await().atMost(GENEROUS)
			.pollInterval(Duration.ofMillis(500))
			.ignoreExceptionsInstanceOf(IOException.class)
			.failFast("the sample exited", () -> assertThat(this.process.isAlive()).as(() -> tail(40)).isTrue())
			.untilAsserted(() -> assertThat(this.client.get(path).status()).as(() -> tail(40)).isEqualTo(200));
		return this.client;
	}

	Process process() {
		return this.process;
	}

	SampleClient client() {
		return this.client;
	}

	/**
	 * The sample's last lines of output, to show with a failed assertion.
	 * @param lines how many lines at most
	 * @return the lines, or why there are none
	 */
	String tail(int lines) {
		try {
			List<String> all = Files.readAllLines(this.output, StandardCharsets.UTF_8);
			return "the sample's last output:\n"
					+ String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
		}
		catch (IOException ex) {
			return "no output: " + ex;
		}
	}

	/**
	 * The sample's whole output.
	 * @return the output, or why there is none
	 */
	String output() {
		return tail(Integer.MAX_VALUE);
	}

	/**
	 * Kill the sample if it still runs.
	 */
	void stop() throws InterruptedException {
		if (this.process.isAlive()) {
			this.process.destroyForcibly();
			this.process.waitFor(GENEROUS.toSeconds(), TimeUnit.SECONDS);
		}
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

}
