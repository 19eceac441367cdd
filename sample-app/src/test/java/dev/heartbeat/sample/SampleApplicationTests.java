package dev.heartbeat.sample;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.heartbeat.HeartbeatState;
import dev.heartbeat.HeartbeatStatus;
import dev.heartbeat.TargetStatus;
import dev.heartbeat.sample.SampleClient.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Starts the sample application on a random port and checks, over real HTTP and on disk,
 * what a user of the starter gets.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "heartbeat.interval=1s", "heartbeat.max-age=3s" })
class SampleApplicationTests {

	private static final Duration GENEROUS = Duration.ofSeconds(30);

	@TempDir
	static Path directory;

	@Value("${local.server.port}")
	int port;

	@DynamicPropertySource
	static void stateFile(DynamicPropertyRegistry registry) {
		registry.add("heartbeat.state-file", () -> stateFile().toString());
	}

	static Path stateFile() {
		return directory.resolve("sample.heartbeat");
	}

	@Test
	void healthHasAHeartbeatComponentThatIsUp() throws Exception {
		awaitUp("/actuator/health");
		Response health = get("/actuator/health");
		assertThat(health.status()).isEqualTo(200);
		JsonNode heartbeat = health.body().get("components").get("heartbeat");
		assertThat(heartbeat.get("status").asString()).isEqualTo("UP");
		JsonNode details = heartbeat.get("details");
		assertThat(details.get("stateFile").asString()).isEqualTo(stateFile().toString());
		assertThat(details.get("pid").asLong()).isEqualTo(ProcessHandle.current().pid());
		assertThat(details.get("beatStatus").asString()).isEqualTo("UP");
		assertThat(details.get("targets").get("upstream").asString()).isEqualTo("ALIVE");
		assertThat(details.get("maxAge").asString()).isEqualTo("PT3S");
	}

	@Test
	void livenessProbeIncludesTheHeartbeat() throws Exception {
		awaitUp("/actuator/health/liveness");
		Response liveness = get("/actuator/health/liveness");
		assertThat(liveness.status()).isEqualTo(200);
		List<String> components = new ArrayList<>(liveness.body().get("components").propertyNames());
		assertThat(components).containsExactlyInAnyOrder("heartbeat", "livenessState");
	}

	@Test
	void stateFileOnDiskHasTheDocumentedFormat() throws IOException {
		await().atMost(GENEROUS)
			.until(() -> HeartbeatState.read(stateFile())
				.map(HeartbeatState::status)
				.orElse(null) == HeartbeatStatus.UP);
		String text = Files.readString(stateFile());
		assertThat(text).startsWith("{\n  \"timestamp\": \"")
			.containsSubsequence("\"timestamp\"", "\"pid\"", "\"hostname\"", "\"metadata\"", "\"status\"", "\"seq\"",
					"\"interval\"", "\"targets\"")
			.containsPattern("\"timestamp\": \"\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{6}\\+00:00\"")
			.contains("\"interval\": 1,");
		HeartbeatState state = HeartbeatState.read(stateFile()).orElseThrow();
		assertThat(state.pid()).isEqualTo(ProcessHandle.current().pid());
		assertThat(state.metadata()).containsEntry("version", "1.0.0")
			.containsEntry("region", "local")
			.containsKey("uptimeSeconds");
		assertThat(state.targets()).containsEntry("upstream", TargetStatus.ALIVE);
	}

	@Test
	void healthHasAHeartbeatTargetsComponentThatIsUpAndOutsideLiveness() throws Exception {
		awaitUp("/actuator/health");
		JsonNode targets = get("/actuator/health").body().get("components").get("heartbeatTargets");
		assertThat(targets.get("status").asString()).isEqualTo("UP");
		JsonNode upstream = targets.get("details").get("targets").get("upstream");
		assertThat(upstream.get("status").asString()).isEqualTo("ALIVE");
		assertThat(upstream.get("critical").asBoolean()).isTrue();
		assertThat(get("/actuator/health/liveness").body().get("components").has("heartbeatTargets")).isFalse();
	}

	@Test
	void healthHasAHeartbeatTasksComponentOutsideLiveness() throws Exception {
		awaitUp("/actuator/health");
		JsonNode tasks = get("/actuator/health").body().get("components").get("heartbeatTasks");
		assertThat(tasks.get("status").asString()).isEqualTo("UP");
		assertThat(get("/actuator/health/liveness").body().get("components").has("heartbeatTasks")).isFalse();
	}

	@Test
	void aDroppedUpstreamIsOutOfServiceInItsOwnComponentWhileLivenessStaysUpUntilTheHeartbeatRecoversIt()
			throws Exception {
		awaitUp("/actuator/health/liveness");
		int reconnections = get("/upstream").body().get("reconnections").asInt();
		post("/upstream/drop");
		await().atMost(GENEROUS).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> {
			Response targets = get("/actuator/health/heartbeatTargets");
			assertThat(targets.status()).isEqualTo(503);
			assertThat(targets.body().get("status").asString()).isEqualTo("OUT_OF_SERVICE");
			assertThat(targets.body().get("details").get("reason").asString()).isEqualTo("dead target: upstream");
			// the dead target is in the heartbeat component's details, never in its
			// status
			Response liveness = get("/actuator/health/liveness");
			assertThat(liveness.status()).isEqualTo(200);
			JsonNode heartbeat = liveness.body().get("components").get("heartbeat");
			assertThat(heartbeat.get("status").asString()).isEqualTo("UP");
			assertThat(heartbeat.get("details").get("targets").get("upstream").asString()).isEqualTo("DEAD");
		});
		assertThat(upstreamInTheStateFile()).isEqualTo(TargetStatus.DEAD);
		assertThat(get("/actuator/health").status()).as("the root aggregates OUT_OF_SERVICE").isEqualTo(503);
		await().atMost(GENEROUS)
			.pollInterval(Duration.ofMillis(100))
			.until(() -> get("/actuator/health/heartbeatTargets").status() == 200);
		assertThat(get("/upstream").body().get("reconnections").asInt()).isEqualTo(reconnections + 1);
		assertThat(get("/actuator/health/liveness").status()).isEqualTo(200);
		// the next beat writes it alive, as the other tests expect to find it
		await().atMost(GENEROUS).until(() -> upstreamInTheStateFile() == TargetStatus.ALIVE);
	}

	private static TargetStatus upstreamInTheStateFile() {
		return HeartbeatState.read(stateFile()).map((state) -> state.targets().get("upstream")).orElse(null);
	}

	private void awaitUp(String path) {
		await().atMost(GENEROUS).pollInterval(Duration.ofMillis(100)).until(() -> get(path).status() == 200);
	}

	private Response get(String path) throws IOException, InterruptedException {
		return new SampleClient(this.port).get(path);
	}

	private Response post(String path) throws IOException, InterruptedException {
		return new SampleClient(this.port).post(path);
	}

}
