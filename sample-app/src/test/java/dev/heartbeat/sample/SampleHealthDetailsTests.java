package dev.heartbeat.sample;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * With {@code show-details} at Boot's default, {@code never}, the heartbeat's status shows and none
 * of its details (state file, pid, hostname, metadata) do.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "heartbeat.interval=1s", "heartbeat.max-age=3s", "management.endpoint.health.show-details=never",
				"management.endpoint.health.show-components=always" })
class SampleHealthDetailsTests {

	@TempDir
	static Path directory;

	private final HttpClient http = HttpClient.newHttpClient();

	@Value("${local.server.port}")
	int port;

	@DynamicPropertySource
	static void stateFile(DynamicPropertyRegistry registry) {
		registry.add("heartbeat.state-file", () -> directory.resolve("details.heartbeat").toString());
	}

	@Test
	void healthShowsTheHeartbeatsStatusButNoneOfItsDetails() throws Exception {
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + "/actuator/health"))
			.build();
		await().atMost(Duration.ofSeconds(30))
			.until(() -> this.http.send(request, HttpResponse.BodyHandlers.ofString()).statusCode() == 200);
		String body = this.http.send(request, HttpResponse.BodyHandlers.ofString()).body();
		JsonNode heartbeat = JsonMapper.builder().build().readTree(body).get("components").get("heartbeat");
		assertThat(heartbeat.get("status").asString()).isEqualTo("UP");
		assertThat(heartbeat.has("details")).isFalse();
		assertThat(body).doesNotContain(directory.toString(), "stateFile", "hostname", "metadata",
				"\"pid\"", String.valueOf(ProcessHandle.current().pid()));
	}

}
