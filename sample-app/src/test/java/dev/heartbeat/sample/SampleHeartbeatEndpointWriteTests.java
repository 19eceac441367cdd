package dev.heartbeat.sample;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;

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
 * With the heartbeat endpoint's write granted
 * ({@code management.endpoint.heartbeat.access=unrestricted}), a {@code POST} writes a
 * beat now, over real HTTP.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "heartbeat.interval=1s", "heartbeat.max-age=3s",
				"management.endpoints.web.exposure.include=health,metrics,heartbeat",
				"management.endpoint.heartbeat.access=unrestricted" })
class SampleHeartbeatEndpointWriteTests {

	private static final Duration GENEROUS = Duration.ofSeconds(30);

	@TempDir
	static Path directory;

	@Value("${local.server.port}")
	int port;

	@DynamicPropertySource
	static void stateFile(DynamicPropertyRegistry registry) {
		registry.add("heartbeat.state-file", () -> directory.resolve("written.heartbeat").toString());
	}

	@Test
	void postToTheHeartbeatEndpointWritesABeatNow() throws Exception {
		await().atMost(GENEROUS).pollInterval(Duration.ofMillis(200)).until(() -> successfulBeats() >= 1);
		long seqBefore = get("/actuator/heartbeat").body().get("state").get("seq").asLong();
		double countedBefore = successfulBeats();
		Response beat = post("/actuator/heartbeat");
		assertThat(beat.status()).isEqualTo(200);
		assertThat(beat.body().get("success").asBoolean()).isTrue();
		long seq = beat.body().get("seq").asLong();
		assertThat(seq).isGreaterThan(seqBefore);
		JsonNode state = get("/actuator/heartbeat").body().get("state");
		assertThat(state.get("seq").asLong()).isGreaterThanOrEqualTo(seq);
		// reported to the meters like a scheduled beat
		assertThat(successfulBeats()).isGreaterThanOrEqualTo(countedBefore + 1);
	}

	private double successfulBeats() throws IOException, InterruptedException {
		Response beats = get("/actuator/metrics/heartbeat.beats?tag=result:success");
		if (beats.status() != 200) {
			return 0;
		}
		for (JsonNode measurement : beats.body().get("measurements")) {
			if ("COUNT".equals(measurement.get("statistic").asString())) {
				return measurement.get("value").asDouble();
			}
		}
		throw new AssertionError("no COUNT in " + beats.body());
	}

	private Response get(String path) throws IOException, InterruptedException {
		return new SampleClient(this.port).get(path);
	}

	private Response post(String path) throws IOException, InterruptedException {
		return new SampleClient(this.port).post(path);
	}

}
