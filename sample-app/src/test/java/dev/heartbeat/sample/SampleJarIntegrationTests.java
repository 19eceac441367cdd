package dev.heartbeat.sample;

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
	void javaJarStartsTheSampleAndStopsItCleanly() throws Exception {
		Path stateFile = this.directory.resolve("sample.heartbeat");
		this.sample = SampleJar.start(this.directory, List.of(), List.of("--heartbeat.state-file=" + stateFile));
		Process process = this.sample.process();
		SampleClient client = this.sample.awaitServing("/actuator/health");
		assertThat(client.get("/actuator/health").body().get("status").asString()).isEqualTo("UP");
		await().atMost(GENEROUS).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
			HeartbeatState state = HeartbeatState.read(stateFile).orElseThrow();
			assertThat(state.pid()).isEqualTo(process.pid());
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
			assertThat(liveness.status()).as(() -> this.sample.tail(40)).isEqualTo(200);
			assertThat(liveness.body().at("/components/heartbeat/details/targets/upstream").asString())
				.isEqualTo("DEAD");
		});
		await().atMost(GENEROUS)
			.pollInterval(Duration.ofMillis(500))
			.untilAsserted(() -> assertThat(client.get("/actuator/health/heartbeatTargets").status())
				.as(() -> this.sample.tail(40))
				.isEqualTo(200));
		assertThat(client.get("/actuator/health/liveness").status()).isEqualTo(200);

		// SIGTERM, as an orchestrator stops it: Boot's shutdown hook closes the context
		process.destroy();
		assertThat(process.waitFor(GENEROUS.toSeconds(), TimeUnit.SECONDS)).as(() -> this.sample.tail(40)).isTrue();
		assertThat(HeartbeatState.read(stateFile).orElseThrow().status()).as(() -> this.sample.tail(40))
			.isEqualTo(HeartbeatStatus.STOPPED);
	}

	@Test
	void eachStartTellsHowThePreviousRunEndedAfterAKillAndAfterATermination() throws Exception {
		Path stateFile = this.directory.resolve("sample.heartbeat");
		List<String> arguments = List.of("--heartbeat.state-file=" + stateFile);

		this.sample = SampleJar.start(this.directory, List.of(), arguments);
		long killed = this.sample.process().pid();
		this.sample.awaitServing("/actuator/health");
		// SIGKILL: no shutdown hook, the file keeps its last beat, UP
		this.sample.stop();
		HeartbeatState left = HeartbeatState.read(stateFile).orElseThrow();
		assertThat(left.status()).isEqualTo(HeartbeatStatus.UP);

		this.sample = SampleJar.start(this.directory, List.of(), arguments);
		long terminated = this.sample.process().pid();
		SampleClient client = this.sample.awaitServing("/actuator/health");
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
		assertThat(this.sample.output()).contains("previous run ended without a clean stop")
			.contains("pid " + killed + " on ");
		// SIGTERM: the context closes and the last beat says STOPPED
		Process process = this.sample.process();
		process.destroy();
		assertThat(process.waitFor(GENEROUS.toSeconds(), TimeUnit.SECONDS)).as(() -> this.sample.tail(40)).isTrue();

		this.sample = SampleJar.start(this.directory, List.of(), arguments);
		client = this.sample.awaitServing("/actuator/health");
		previous = client.get("/actuator/heartbeat").body().get("previousRun");
		assertThat(previous.get("pid").asLong()).isEqualTo(terminated);
		assertThat(previous.get("clean").asBoolean()).isTrue();
		assertThat(previous.get("status").asString()).isEqualTo("STOPPED");
		assertThat(previous.get("uncleanRestarts").asLong()).isZero();
	}

}
