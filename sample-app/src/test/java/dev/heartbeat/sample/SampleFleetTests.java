package dev.heartbeat.sample;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import dev.heartbeat.fleet.FleetIdentity;
import dev.heartbeat.fleet.FleetMember;
import dev.heartbeat.fleet.HeartbeatFleet;
import dev.heartbeat.fleet.MemberState;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Runs the sample application with its fleet profile on a random port: its beats land in
 * the H2 table, and the fleet shows over real HTTP in the heartbeat endpoint and the
 * health endpoint.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "heartbeat.interval=1s", "heartbeat.max-age=3s", "heartbeat.state-file=",
				"heartbeat.fleet.instance-id=sample-1" })
@ActiveProfiles("fleet")
class SampleFleetTests {

	private static final Duration GENEROUS = Duration.ofSeconds(30);

	private final HttpClient http = HttpClient.newHttpClient();

	private final JsonMapper json = JsonMapper.builder().build();

	@Value("${local.server.port}")
	int port;

	@Autowired
	HeartbeatFleet fleet;

	@Test
	void theFleetShowsThisInstanceAliveOverHttp() throws Exception {
		assertThat(this.fleet.self()).isEqualTo(new FleetIdentity("heartbeat-sample", "sample-1", "heartbeat-sample"));
		await().atMost(GENEROUS).until(() -> this.fleet.member("sample-1").filter(FleetMember::isAlive).isPresent());
		JsonNode fleet = get("/actuator/heartbeat/fleet");
		assertThat(fleet.get("group").asString()).isEqualTo("heartbeat-sample");
		assertThat(fleet.get("instanceId").asString()).isEqualTo("sample-1");
		assertThat(fleet.get("store").asString()).isEqualTo("JDBC table heartbeat_fleet");
		JsonNode self = fleet.get("members").get(0);
		assertThat(self.get("instanceId").asString()).isEqualTo("sample-1");
		assertThat(self.get("state").asString()).isEqualTo(MemberState.ALIVE.name());
		assertThat(self.get("self").asBoolean()).isTrue();
		assertThat(self.get("pid").asLong()).isEqualTo(ProcessHandle.current().pid());
		assertThat(self.get("metadata").get("version").asString()).isEqualTo("1.0.0");
		assertThat(fleet.get("publish").get("published").asLong()).isPositive();
		await().atMost(GENEROUS)
			.until(() -> "UP".equals(get("/actuator/health/heartbeatFleet").get("status").asString()));
		JsonNode health = get("/actuator/health/heartbeatFleet");
		assertThat(health.get("details").get("members").get("alive").asInt()).isEqualTo(1);
	}

	private JsonNode get(String path) throws Exception {
		HttpResponse<String> response = this.http.send(
				HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path)).GET().build(),
				HttpResponse.BodyHandlers.ofString());
		return this.json.readTree(response.body());
	}

}
