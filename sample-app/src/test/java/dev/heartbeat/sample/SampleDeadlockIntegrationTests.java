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

import dev.heartbeat.HeartbeatState;
import dev.heartbeat.TargetStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Real deadlocks in the sample, each in a JVM of its own (nothing undoes a deadlock), run
 * from the repackaged jar with the README's probe configuration: a deadlock on monitors,
 * and one on {@code ReentrantLock}s, is found by the {@code deadlock} target, escalates
 * at once, fails {@code /actuator/health/liveness} and is named in the state file; with
 * {@code heartbeat.deadlock.enabled=false} nothing happens. Run by failsafe after
 * {@code package}, since it needs the jar.
 */
class SampleDeadlockIntegrationTests {

	// a cold JVM starting a Boot application on a loaded 2-core machine can take a minute
	private static final Duration GENEROUS = Duration.ofMinutes(3);

	private static final String LIVENESS = "/actuator/health/liveness";

	@TempDir
	Path directory;

	private Process process;

	private Path output;

	@AfterEach
	void stopTheApplication() throws InterruptedException {
		if (this.process != null && this.process.isAlive()) {
			this.process.destroyForcibly();
			this.process.waitFor(GENEROUS.toSeconds(), TimeUnit.SECONDS);
		}
	}

	@Test
	void aDeadlockOnMonitorsFailsLivenessAtOnce() throws Exception {
		SampleClient client = start();
		assertThat(client.post("/deadlock/monitors").status()).isEqualTo(200);
		assertDeadlockFailsLiveness(client, "deadlocked-monitors", "java.lang.Object@");
	}

	@Test
	void aDeadlockOnLocksFailsLivenessAtOnce() throws Exception {
		SampleClient client = start();
		assertThat(client.post("/deadlock/locks").status()).isEqualTo(200);
		assertDeadlockFailsLiveness(client, "deadlocked-locks",
				"java.util.concurrent.locks.ReentrantLock$NonfairSync@");
	}

	@Test
	void withDeadlockDetectionDisabledADeadlockChangesNothing() throws Exception {
		SampleClient client = start("--heartbeat.deadlock.enabled=false");
		assertThat(client.post("/deadlock/monitors").status()).isEqualTo(200);
		Path stateFile = this.directory.resolve("sample.heartbeat");
		long seq = HeartbeatState.read(stateFile).orElseThrow().seq();
		// a few beats later, with checks that would have found it
		await().atMost(GENEROUS)
			.pollInterval(Duration.ofMillis(200))
			.until(() -> HeartbeatState.read(stateFile).orElseThrow().seq() >= seq + 3);
		assertThat(HeartbeatState.read(stateFile).orElseThrow().targets()).doesNotContainKey("deadlock");
		assertThat(client.get(LIVENESS).status()).as(this::tail).isEqualTo(200);
		assertThat(client.get("/actuator/health/heartbeatTargets").body().at("/details/targets").has("deadlock"))
			.isFalse();
	}

	private void assertDeadlockFailsLiveness(SampleClient client, String threads, String lock)
			throws IOException, InterruptedException {
		await().atMost(GENEROUS)
			.pollInterval(Duration.ofMillis(200))
			.untilAsserted(() -> assertThat(client.get(LIVENESS).status()).as(this::tail).isEqualTo(503));
		await().atMost(GENEROUS).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
			JsonNode deadlock = client.get("/actuator/heartbeat").body().get("targets");
			JsonNode target = null;
			for (JsonNode candidate : deadlock) {
				if ("deadlock".equals(candidate.get("name").asString())) {
					target = candidate;
				}
			}
			assertThat(target).isNotNull();
			assertThat(target.get("escalated").asBoolean()).isTrue();
			assertThat(target.get("recoveryAttempts").asInt()).isZero();
			assertThat(target.get("reason").asString()).startsWith("deadlocked threads: ")
				.contains("'" + threads + "-a' waits for " + lock)
				.contains("held by '" + threads + "-b'");
		});
		// the check that found it may have answered after its beat was written: the next
		// one shows it, with the threads and the locks they wait on
		await().atMost(GENEROUS).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
			HeartbeatState state = HeartbeatState.read(this.directory.resolve("sample.heartbeat")).orElseThrow();
			assertThat(state.targets()).containsEntry("deadlock", TargetStatus.DEAD);
			assertThat(state.targetReasons().get("deadlock")).startsWith("deadlocked threads: ")
				.contains("'" + threads + "-a' waits for " + lock)
				.contains("held by '" + threads + "-b'");
		});
		JsonNode heartbeat = client.get(LIVENESS).body().at("/components/heartbeat/details");
		assertThat(heartbeat.at("/escalated/0").asString()).isEqualTo("deadlock");
		assertThat(heartbeat.get("reason").asString()).startsWith("escalated: deadlock is dead (deadlocked threads: ");
		// the stacks, once
		assertThat(
				tail().lines().filter((line) -> line.contains("Heartbeat target 'deadlock' found deadlocked threads")))
			.hasSize(1);
	}

	private SampleClient start(String... arguments) throws IOException {
		Path jar = Path.of(System.getProperty("sample.jar", "target/heartbeat-sample-app-0.1.0-SNAPSHOT.jar"));
		assertThat(jar).as("the repackaged jar (run ./mvnw package first)").isRegularFile();
		this.output = this.directory.resolve("sample.log");
		int port = freePort();
		List<String> command = new ArrayList<>(
				List.of(java(), "-Djava.io.tmpdir=" + this.directory, "-jar", jar.toString(), "--server.port=" + port,
						"--heartbeat.state-file=" + this.directory.resolve("sample.heartbeat"),
						"--heartbeat.interval=1s", "--heartbeat.max-age=3s"));
		command.addAll(List.of(arguments));
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
			.redirectOutput(this.output.toFile());
		// the child must not pick up a notify socket or configuration meant for the build
		builder.environment()
			.keySet()
			.removeIf((name) -> name.startsWith("HEARTBEAT_") || name.startsWith("SPRING_")
					|| name.startsWith("WATCHDOG_") || name.equals("NOTIFY_SOCKET"));
		this.process = builder.start();
		SampleClient client = new SampleClient(port);
		await().atMost(GENEROUS)
			.pollInterval(Duration.ofMillis(500))
			.ignoreExceptionsInstanceOf(IOException.class)
			.failFast("the sample exited", () -> assertThat(this.process.isAlive()).as(this::tail).isTrue())
			.untilAsserted(() -> assertThat(client.get(LIVENESS).status()).as(this::tail).isEqualTo(200));
		await().atMost(GENEROUS)
			.pollInterval(Duration.ofMillis(200))
			.untilAsserted(
					() -> assertThat(HeartbeatState.read(this.directory.resolve("sample.heartbeat"))).isPresent());
		return client;
	}

	private static String java() {
		return Path.of(System.getProperty("java.home"), "bin", "java").toString();
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

	private String tail() {
		try {
			return String.join("\n", Files.readAllLines(this.output, StandardCharsets.UTF_8));
		}
		catch (IOException ex) {
			return "no output: " + ex;
		}
	}

}
