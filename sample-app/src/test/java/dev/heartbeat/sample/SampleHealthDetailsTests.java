package dev.heartbeat.sample;

import java.nio.file.Path;
import java.time.Duration;

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
 * With {@code show-details} at Boot's default, {@code never}, the statuses of the
 * heartbeat and of its targets show, and none of their details (state file, pid,
 * hostname, metadata, target names) do.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "heartbeat.interval=1s", "heartbeat.max-age=3s", "management.endpoint.health.show-details=never",
				"management.endpoint.health.show-components=always" })
class SampleHealthDetailsTests {

	@TempDir
	static Path directory;

	@Value("${local.server.port}")
	int port;

	@DynamicPropertySource
	static void stateFile(DynamicPropertyRegistry registry) {
		registry.add("heartbeat.state-file", () -> directory.resolve("details.heartbeat").toString());
	}

	@Test
	void healthShowsTheStatusesOfTheHeartbeatAndItsTargetsButNoneOfTheirDetails() throws Exception {
		SampleClient client = new SampleClient(this.port);
		await().atMost(Duration.ofSeconds(30)).until(() -> client.get("/actuator/health").status() == 200);
		JsonNode health = client.get("/actuator/health").body();
		JsonNode heartbeat = health.get("components").get("heartbeat");
		assertThat(heartbeat.get("status").asString()).isEqualTo("UP");
		assertThat(heartbeat.has("details")).isFalse();
		JsonNode targets = health.get("components").get("heartbeatTargets");
		assertThat(targets.get("status").asString()).isEqualTo("UP");
		assertThat(targets.has("details")).isFalse();
		assertThat(health.toString()).doesNotContain(directory.toString(), "stateFile", "hostname", "metadata",
				"\"pid\"", String.valueOf(ProcessHandle.current().pid()), "upstream");
	}

}
