package dev.heartbeat.sample;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

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

	private static final Duration GENEROUS = SampleJar.GENEROUS;

	private static final String LIVENESS = "/actuator/health/liveness";

	@TempDir
	Path directory;

	private SampleJar sample;

	@AfterEach
	void stopTheApplication() throws InterruptedException {
		if (this.sample != null) {
			this.sample.stop();
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
		List<String> all = new ArrayList<>(
				List.of("--heartbeat.state-file=" + this.directory.resolve("sample.heartbeat"),
						"--heartbeat.interval=1s", "--heartbeat.max-age=3s"));
		all.addAll(List.of(arguments));
		this.sample = SampleJar.start(this.directory, List.of(), all);
		SampleClient client = this.sample.awaitServing(LIVENESS);
		await().atMost(GENEROUS)
			.pollInterval(Duration.ofMillis(200))
			.untilAsserted(
					() -> assertThat(HeartbeatState.read(this.directory.resolve("sample.heartbeat"))).isPresent());
		return client;
	}

	private String tail() {
		return this.sample.output();
	}

}
