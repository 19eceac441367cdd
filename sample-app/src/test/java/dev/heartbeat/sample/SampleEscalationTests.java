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
 * An upstream that stays dead through its recovery attempts breaks the application's
 * liveness, observed over real HTTP, and liveness is correct again once it reconnects.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "heartbeat.interval=1s", "heartbeat.max-age=3s", "heartbeat.recovery.initial-backoff=1s",
				"heartbeat.recovery.multiplier=1", "heartbeat.recovery.targets.upstream.max-attempts=2",
				"sample.upstream.attempts-to-reconnect=1000" })
class SampleEscalationTests {

	private static final Duration GENEROUS = Duration.ofSeconds(30);

	@TempDir
	static Path directory;

	@Value("${local.server.port}")
	int port;

	@DynamicPropertySource
	static void stateFile(DynamicPropertyRegistry registry) {
		registry.add("heartbeat.state-file", () -> directory.resolve("escalation.heartbeat").toString());
	}

	@Test
	void livenessIsBrokenOnEscalationAndCorrectWhenTheTargetIsAliveAgain() throws Exception {
		await().atMost(GENEROUS).until(() -> status("/actuator/health/liveness") == 200);
		post("/upstream/drop");
		await().atMost(GENEROUS).pollInterval(Duration.ofMillis(100)).until(() -> {
			JsonNode liveness = get("/actuator/health/liveness").body();
			return "DOWN".equals(liveness.get("components").get("livenessState").get("status").asString());
		});
		Response broken = get("/actuator/health/liveness");
		assertThat(broken.status()).isEqualTo(503);
		assertThat(broken.body().get("components").get("heartbeat").get("details").get("escalated").get(0).asString())
			.isEqualTo("upstream");
		post("/upstream/reconnect");
		await().atMost(GENEROUS)
			.pollInterval(Duration.ofMillis(100))
			.until(() -> status("/actuator/health/liveness") == 200);
		JsonNode correct = get("/actuator/health/liveness").body();
		assertThat(correct.get("components").get("livenessState").get("status").asString()).isEqualTo("UP");
	}

	private int status(String path) throws IOException, InterruptedException {
		return get(path).status();
	}

	private Response get(String path) throws IOException, InterruptedException {
		return new SampleClient(this.port).get(path);
	}

	private Response post(String path) throws IOException, InterruptedException {
		return new SampleClient(this.port).post(path);
	}

}
