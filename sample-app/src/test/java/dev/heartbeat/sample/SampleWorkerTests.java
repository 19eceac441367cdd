package dev.heartbeat.sample;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.heartbeat.Heartbeat;
import dev.heartbeat.HeartbeatState;
import dev.heartbeat.TargetStatus;
import dev.heartbeat.sample.SampleClient.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A stalled work loop, observed over real HTTP with the README's probe configuration:
 * past its deadline the {@code worker} target is dead and liveness stays UP while it is
 * recovered; liveness fails only once its attempts run out, and is UP again once the loop
 * moves again.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "heartbeat.interval=1s", "heartbeat.max-age=3s", "heartbeat.recovery.initial-backoff=1s",
				"sample.worker.deadline=2s", "sample.worker.pace=50ms" })
class SampleWorkerTests {

	private static final Duration GENEROUS = Duration.ofSeconds(30);

	private static final String LIVENESS = "/actuator/health/liveness";

	@TempDir
	static Path directory;

	@Value("${local.server.port}")
	int port;

	@Autowired
	Heartbeat heartbeat;

	@DynamicPropertySource
	static void stateFile(DynamicPropertyRegistry registry) {
		registry.add("heartbeat.state-file", () -> directory.resolve("worker.heartbeat").toString());
	}

	@Test
	void livenessStaysUpWhileAStalledLoopIsRecoveredFailsOnEscalationAndRecoversWhenItMoves() throws Exception {
		await().atMost(GENEROUS).until(() -> get(LIVENESS).status() == 200);
		assertThat(post("/worker/stall").body().get("stalled").asBoolean()).isTrue();

		List<Integer> livenessWhileDead = new ArrayList<>();
		await().atMost(GENEROUS).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> {
			Response liveness = get(LIVENESS);
			boolean escalated = this.heartbeat.isEscalated();
			JsonNode worker = get("/actuator/health/heartbeatTargets").body().at("/details/targets/worker");
			if (!escalated && "DEAD".equals(worker.path("status").asString())) {
				// read after the probe: escalation lasts while the loop is stalled
				livenessWhileDead.add(liveness.status());
				assertThat(worker.get("reason").asString()).startsWith("stalled: not touched for");
			}
			assertThat(escalated).isTrue();
		});
		assertThat(livenessWhileDead).as("liveness while the stalled loop was dead, before escalation")
			.isNotEmpty()
			.containsOnly(200);
		awaitLiveness(503);
		JsonNode heartbeat = get(LIVENESS).body().at("/components/heartbeat/details");
		assertThat(heartbeat.get("escalated").get(0).asString()).isEqualTo("worker");
		assertThat(HeartbeatState.read(directory.resolve("worker.heartbeat")).orElseThrow().targets())
			.containsEntry("worker", TargetStatus.DEAD);

		post("/worker/resume");
		awaitLiveness(200);
		assertThat(this.heartbeat.isEscalated()).isFalse();
		assertThat(get("/worker").body().get("stalled").asBoolean()).isFalse();
	}

	private void awaitLiveness(int httpStatus) {
		await().atMost(GENEROUS)
			.pollInterval(Duration.ofMillis(100))
			.untilAsserted(() -> assertThat(get(LIVENESS).status()).isEqualTo(httpStatus));
	}

	private Response get(String path) throws IOException, InterruptedException {
		return new SampleClient(this.port).get(path);
	}

	private Response post(String path) throws IOException, InterruptedException {
		return new SampleClient(this.port).post(path);
	}

}
