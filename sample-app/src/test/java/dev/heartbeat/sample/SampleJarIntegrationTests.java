package dev.heartbeat.sample;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.heartbeat.HeartbeatState;
import dev.heartbeat.HeartbeatStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Starts the repackaged sample jar with {@code java -jar}, as a user would, in a child
 * JVM: it must serve its health, write its state file, keep liveness UP while its
 * upstream is dropped and recovered, as the README's walkthrough shows, and mark the file
 * {@code STOPPED} when it is terminated; and, started again on the file of one killed
 * with SIGKILL or terminated, tell how that run ended. Run by failsafe after
 * {@code package}, since it needs the jar.
 */
class SampleJarIntegrationTests {

	// a cold JVM starting a Boot application on a loaded 2-core machine can take a minute
	private static final Duration GENEROUS = Duration.ofMinutes(3);

	@TempDir
	Path directory;

	private Process process;

	@AfterEach
	void stopTheApplication() throws InterruptedException {
		if (this.process != null && this.process.isAlive()) {
			this.process.destroyForcibly();
			this.process.waitFor(GENEROUS.toSeconds(), TimeUnit.SECONDS);
		}
	}

	@Test
	void javaJarStartsTheSampleAndStopsItCleanly() throws Exception {
		Path jar = Path.of(System.getProperty("sample.jar", "target/heartbeat-sample-app-0.1.0-SNAPSHOT.jar"));
		assertThat(jar).as("the repackaged jar (run ./mvnw package first)").isRegularFile();
		Path stateFile = this.directory.resolve("sample.heartbeat");
		Path output = this.directory.resolve("sample.log");
		int port = freePort();
		ProcessBuilder builder = new ProcessBuilder(java(), "-Djava.io.tmpdir=" + this.directory, "-jar",
				jar.toString(), "--server.port=" + port, "--heartbeat.state-file=" + stateFile)
			.redirectErrorStream(true)
			.redirectOutput(output.toFile());
		// the child must not pick up a notify socket or configuration meant for the build
		// itself
		builder.environment()
			.keySet()
			.removeIf((name) -> name.startsWith("HEARTBEAT_") || name.startsWith("SPRING_")
					|| name.startsWith("WATCHDOG_") || name.equals("NOTIFY_SOCKET"));
		this.process = builder.start();
		SampleClient client = new SampleClient(port);

		await().atMost(GENEROUS)
			.pollInterval(Duration.ofMillis(500))
			.ignoreExceptionsInstanceOf(IOException.class)
			.failFast("the sample exited", () -> assertThat(this.process.isAlive()).as(() -> tail(output)).isTrue())
			.untilAsserted(() -> {
				SampleClient.Response health = client.get("/actuator/health");
				assertThat(health.status()).as(() -> tail(output)).isEqualTo(200);
				assertThat(health.body().get("status").asString()).isEqualTo("UP");
			});
		await().atMost(GENEROUS).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
			HeartbeatState state = HeartbeatState.read(stateFile).orElseThrow();
			assertThat(state.pid()).isEqualTo(this.process.pid());
			assertThat(state.status()).isEqualTo(HeartbeatStatus.UP);
		});

		// the README's walkthrough: a dropped upstream is out of service, never a
		// liveness
		// failure, until the heartbeat recovers it
		assertThat(client.post("/upstream/drop").status()).isEqualTo(200);
		await().atMost(GENEROUS).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
			SampleClient.Response targets = client.get("/actuator/health/heartbeatTargets");
			assertThat(targets.body().get("status").asString()).isEqualTo("OUT_OF_SERVICE");
			// one answer: the state file shows the target dead, and liveness is UP
			SampleClient.Response liveness = client.get("/actuator/health/liveness");
			assertThat(liveness.status()).as(() -> tail(output)).isEqualTo(200);
			assertThat(liveness.body().at("/components/heartbeat/details/targets/upstream").asString())
				.isEqualTo("DEAD");
		});
		await().atMost(GENEROUS)
			.pollInterval(Duration.ofMillis(500))
			.untilAsserted(
					() -> assertThat(client.get("/actuator/health/heartbeatTargets").status()).as(() -> tail(output))
						.isEqualTo(200));
		assertThat(client.get("/actuator/health/liveness").status()).isEqualTo(200);

		// SIGTERM, as an orchestrator stops it: Boot's shutdown hook closes the context
		this.process.destroy();
		assertThat(this.process.waitFor(GENEROUS.toSeconds(), TimeUnit.SECONDS)).as(() -> tail(output)).isTrue();
		assertThat(HeartbeatState.read(stateFile).orElseThrow().status()).as(() -> tail(output))
			.isEqualTo(HeartbeatStatus.STOPPED);
	}

	@Test
	void eachStartTellsHowThePreviousRunEndedAfterAKillAndAfterATermination() throws Exception {
		Path stateFile = this.directory.resolve("sample.heartbeat");
		Path output = this.directory.resolve("sample.log");
		int port = freePort();
		SampleClient client = new SampleClient(port);

		this.process = startJar(stateFile, port, output);
		long killed = this.process.pid();
		awaitUp(client, output);
		// SIGKILL: no shutdown hook, the file keeps its last beat, UP
		this.process.destroyForcibly();
		assertThat(this.process.waitFor(GENEROUS.toSeconds(), TimeUnit.SECONDS)).isTrue();
		HeartbeatState left = HeartbeatState.read(stateFile).orElseThrow();
		assertThat(left.status()).isEqualTo(HeartbeatStatus.UP);

		this.process = startJar(stateFile, port, output);
		long terminated = this.process.pid();
		awaitUp(client, output);
		JsonNode previous = client.get("/actuator/heartbeat").body().get("previousRun");
		assertThat(previous.get("pid").asLong()).isEqualTo(killed);
		assertThat(previous.get("clean").asBoolean()).isFalse();
		assertThat(previous.get("status").asString()).isEqualTo("UP");
		assertThat(previous.get("uncleanRestarts").asLong()).isOne();
		assertThat(Instant.parse(previous.get("lastBeat").asString())).isEqualTo(left.timestamp());
		assertThat(Duration.parse(previous.get("downtime").asString())).isPositive();
		assertThat(client.get("/actuator/metrics/heartbeat.restarts?tag=clean:false")
			.body()
			.at("/measurements/0/value")
			.asDouble()).isEqualTo(1.0);
		assertThat(Files.readString(output)).contains("previous run ended without a clean stop")
			.contains("pid " + killed + " on ");
		// SIGTERM: the context closes and the last beat says STOPPED
		this.process.destroy();
		assertThat(this.process.waitFor(GENEROUS.toSeconds(), TimeUnit.SECONDS)).as(() -> tail(output)).isTrue();

		this.process = startJar(stateFile, port, output);
		awaitUp(client, output);
		previous = client.get("/actuator/heartbeat").body().get("previousRun");
		assertThat(previous.get("pid").asLong()).isEqualTo(terminated);
		assertThat(previous.get("clean").asBoolean()).isTrue();
		assertThat(previous.get("status").asString()).isEqualTo("STOPPED");
		assertThat(previous.get("uncleanRestarts").asLong()).isZero();
	}

	private Process startJar(Path stateFile, int port, Path output) throws IOException {
		Path jar = Path.of(System.getProperty("sample.jar", "target/heartbeat-sample-app-0.1.0-SNAPSHOT.jar"));
		assertThat(jar).as("the repackaged jar (run ./mvnw package first)").isRegularFile();
		ProcessBuilder builder = new ProcessBuilder(java(), "-Djava.io.tmpdir=" + this.directory, "-jar",
				jar.toString(), "--server.port=" + port, "--heartbeat.state-file=" + stateFile)
			.redirectErrorStream(true)
			.redirectOutput(output.toFile());
		builder.environment()
			.keySet()
			.removeIf((name) -> name.startsWith("HEARTBEAT_") || name.startsWith("SPRING_")
					|| name.startsWith("WATCHDOG_") || name.equals("NOTIFY_SOCKET"));
		return builder.start();
	}

	private void awaitUp(SampleClient client, Path output) {
		await().atMost(GENEROUS)
			.pollInterval(Duration.ofMillis(500))
			.ignoreExceptionsInstanceOf(IOException.class)
			.failFast("the sample exited", () -> assertThat(this.process.isAlive()).as(() -> tail(output)).isTrue())
			.untilAsserted(() -> {
				SampleClient.Response health = client.get("/actuator/health");
				assertThat(health.status()).as(() -> tail(output)).isEqualTo(200);
				assertThat(health.body().get("status").asString()).isEqualTo("UP");
			});
	}

	private static String java() {
		return Path.of(System.getProperty("java.home"), "bin", "java").toString();
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

	private static String tail(Path output) {
		try {
			List<String> lines = Files.readAllLines(output, StandardCharsets.UTF_8);
			return "the sample's last output:\n"
					+ String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
		}
		catch (IOException ex) {
			return "no output: " + ex;
		}
	}

}
