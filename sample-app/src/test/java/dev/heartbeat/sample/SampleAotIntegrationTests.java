package dev.heartbeat.sample;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.heartbeat.HeartbeatState;
import dev.heartbeat.HeartbeatStatus;
import dev.heartbeat.TargetStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

/**
 * Starts the repackaged sample jar in Spring AOT mode ({@code -Dspring.aot.enabled=true},
 * with the bean definitions that {@code spring-boot:process-aot} generated at build time,
 * as a native image runs it): the heartbeat's health component, its endpoint and its
 * state file must work as in the normal run. AOT fixes the beans at build time, so it
 * runs with the sample's default configuration. Run by failsafe after {@code package},
 * since it needs the jar.
 */
class SampleAotIntegrationTests {

	private static final Duration GENEROUS = SampleJar.GENEROUS;

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
	void theAotProcessedSampleBeatsServesItsHealthAndEndpointAndStopsCleanly() throws Exception {
		assumeThat(Boolean.getBoolean("sample.aot.skipped")).as("built with -Dspring-boot.aot.skip=true").isFalse();
		Path stateFile = this.directory.resolve("sample.heartbeat");
		this.sample = SampleJar.start(this.directory, List.of("-Dspring.aot.enabled=true"),
				List.of("--heartbeat.state-file=" + stateFile));
		Process process = this.sample.process();
		SampleClient client = this.sample.awaitServing("/actuator/health");
		assertThat(this.sample.output()).as("started from the AOT-generated bean definitions")
			.contains("Starting AOT-processed SampleApplication");

		await().atMost(GENEROUS).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
			HeartbeatState state = HeartbeatState.read(stateFile).orElseThrow();
			assertThat(state.pid()).isEqualTo(process.pid());
			assertThat(state.status()).isEqualTo(HeartbeatStatus.UP);
			assertThat(state.metadata()).containsEntry("region", "local");
			assertThat(state.targets()).containsEntry("upstream", TargetStatus.ALIVE);
		});

		JsonNode heartbeat = client.get("/actuator/health").body().at("/components/heartbeat");
		assertThat(heartbeat.get("status").asString()).as(() -> this.sample.tail(40)).isEqualTo("UP");
		assertThat(heartbeat.at("/details/stateFile").asString()).isEqualTo(stateFile.toString());
		assertThat(heartbeat.at("/details/targets/upstream").asString()).isEqualTo("ALIVE");
		assertThat(client.get("/actuator/health/liveness").status()).isEqualTo(200);
		assertThat(client.get("/actuator/health/heartbeatTargets").status()).isEqualTo(200);

		SampleClient.Response endpoint = client.get("/actuator/heartbeat");
		assertThat(endpoint.status()).as(() -> this.sample.tail(40)).isEqualTo(200);
		assertThat(endpoint.body().get("running").asBoolean()).isTrue();
		assertThat(endpoint.body().at("/configuration/stateFile").asString()).isEqualTo(stateFile.toString());
		assertThat(endpoint.body().at("/configuration/interval").asString()).isEqualTo("PT2S");
		assertThat(endpoint.body().at("/state/pid").asLong()).isEqualTo(process.pid());
		assertThat(endpoint.body().get("targets").findValuesAsString("name")).contains("upstream", "worker",
				"deadlock");
		assertThat(endpoint.body().get("recentBeats")).isNotEmpty();

		// SIGTERM, as an orchestrator stops it: the last beat marks the file
		process.destroy();
		assertThat(process.waitFor(GENEROUS.toSeconds(), TimeUnit.SECONDS)).as(() -> this.sample.tail(40)).isTrue();
		assertThat(HeartbeatState.read(stateFile).orElseThrow().status()).as(() -> this.sample.tail(40))
			.isEqualTo(HeartbeatStatus.STOPPED);
	}

}
