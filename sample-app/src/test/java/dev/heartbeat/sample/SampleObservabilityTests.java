package dev.heartbeat.sample;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.heartbeat.HeartbeatState;
import dev.heartbeat.sample.SampleClient.Response;
import dev.heartbeat.tasks.TaskStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.MissingNode;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Starts the sample application on a random port and checks, over real HTTP, the
 * heartbeat's meters and its Actuator endpoint.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "heartbeat.interval=1s", "heartbeat.max-age=3s",
				"management.endpoints.web.exposure.include=health,metrics,heartbeat", "sample.report-job.rate=200ms",
				"heartbeat.tasks[reportJob.export].max-runtime=2s" })
class SampleObservabilityTests {

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
		return directory.resolve("observed.heartbeat");
	}

	@Test
	void beatsAreCountedInTheMetricsEndpoint() throws Exception {
		await().atMost(GENEROUS).pollInterval(Duration.ofMillis(200)).until(() -> successfulBeats() >= 2);
		Response beats = get("/actuator/metrics/heartbeat.beats");
		assertThat(beats.status()).isEqualTo(200);
		assertThat(tagValues(beats.body(), "result")).containsExactlyInAnyOrder("success", "failure");
		// the upstream, the built-in deadlock target and the worker's progress, once each
		// has answered its first check
		await().atMost(GENEROUS).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
			Response targets = get("/actuator/metrics/heartbeat.targets?tag=state:alive");
			assertThat(targets.status()).isEqualTo(200);
			assertThat(measurement(targets.body(), "VALUE")).isEqualTo(3);
		});
		Response age = get("/actuator/metrics/heartbeat.last.beat.age");
		assertThat(age.body().get("baseUnit").asString()).isEqualTo("seconds");
		assertThat(measurement(age.body(), "VALUE")).isNotNegative().isLessThan(GENEROUS.toSeconds());
		for (String meter : List.of("heartbeat.beat.duration", "heartbeat.recoveries")) {
			assertThat(get("/actuator/metrics/" + meter).status()).as(meter).isEqualTo(200);
		}
		Response recoveries = get("/actuator/metrics/heartbeat.recoveries");
		assertThat(tagValues(recoveries.body(), "target")).contains("upstream", "deadlock");
		assertThat(tagValues(recoveries.body(), "outcome")).containsExactlyInAnyOrder("recovered", "failed", "timeout");
	}

	@Test
	void heartbeatEndpointDescribesTheHeartbeat() throws Exception {
		await().atMost(GENEROUS)
			.pollInterval(Duration.ofMillis(200))
			.until(() -> "UP".equals(get("/actuator/heartbeat").body().get("status").asString()));
		Response response = get("/actuator/heartbeat");
		assertThat(response.status()).isEqualTo(200);
		JsonNode heartbeat = response.body();
		assertThat(heartbeat.get("running").asBoolean()).isTrue();
		JsonNode configuration = heartbeat.get("configuration");
		assertThat(configuration.get("stateFile").asString()).isEqualTo(stateFile().toString());
		assertThat(configuration.get("interval").asString()).isEqualTo("PT1S");
		assertThat(configuration.get("maxAge").asString()).isEqualTo("PT3S");
		JsonNode state = heartbeat.get("state");
		assertThat(state.get("pid").asLong()).isEqualTo(ProcessHandle.current().pid());
		assertThat(state.get("interval").asInt()).isEqualTo(1);
		assertThat(state.get("metadata").get("version").asString()).isEqualTo("1.0.0");
		assertThat(state.get("targets").get("upstream").asString()).isEqualTo("ALIVE");
		JsonNode target = heartbeat.get("targets").get(0);
		assertThat(target.get("name").asString()).isEqualTo("upstream");
		assertThat(target.get("status").asString()).isEqualTo("ALIVE");
		assertThat(target.get("critical").asBoolean()).isTrue();
		assertThat(target.get("consecutiveFailures").isNumber()).isTrue();
		assertThat(target.get("recoveryAttempts").isNumber()).isTrue();
		// the upstream never changed in this context, and Actuator leaves null values out
		assertThat(target.has("lastChange")).isFalse();
		assertThat(heartbeat.has("lastFailure")).isFalse();
		JsonNode beats = heartbeat.get("recentBeats");
		assertThat(beats.size()).isBetween(1, 20);
		JsonNode last = beats.get(beats.size() - 1);
		assertThat(last.get("seq").asLong()).isGreaterThanOrEqualTo(state.get("seq").asLong());
		assertThat(last.get("timestamp").asString()).matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?Z");
		assertThat(last.get("duration").asString()).startsWith("PT");
		assertThat(last.get("success").asBoolean()).isTrue();
		assertThat(last.has("failure")).isFalse();
	}

	@Test
	void exposingTheHeartbeatEndpointExposesNoWriteByDefault() throws Exception {
		await().atMost(GENEROUS).pollInterval(Duration.ofMillis(200)).until(() -> successfulBeats() >= 1);
		Response beat = post("/actuator/heartbeat");
		assertThat(beat.status()).as("POST to a read-only endpoint").isEqualTo(405);
		assertThat(beat.body().has("seq")).isFalse();
		assertThat(get("/actuator/heartbeat").status()).isEqualTo(200);
	}

	@Test
	void scheduledJobIsWatchedInTheHeartbeatEndpoint() throws Exception {
		await().atMost(GENEROUS)
			.pollInterval(Duration.ofMillis(200))
			.until(() -> "OK".equals(reportJob().path("status").asString()));
		JsonNode job = reportJob();
		assertThat(job.get("schedule").asString()).isEqualTo("fixed-rate 0.2s");
		assertThat(job.get("maxRuntime").asString()).isEqualTo("PT2S");
		assertThat(job.get("lastOutcome").asString()).isIn("SUCCEEDED", "RUNNING");
		assertThat(job.get("succeeded").asLong()).isPositive();
		try {
			post("/report-job/fail");
			awaitReportJob("FAILED");
			assertThat(reportJob().get("reason").asString())
				.isEqualTo("its last run threw java.lang.IllegalStateException: report store refused the export");
			post("/report-job/release");
			awaitReportJob("OK");
			post("/report-job/hang");
			awaitReportJob("STUCK");
			assertThat(reportJob().get("reason").asString()).contains("longer than its max-runtime of 2s");
			assertThat(HeartbeatState.read(stateFile()).orElseThrow().tasks()).containsEntry("reportJob.export",
					TaskStatus.STUCK);
		}
		finally {
			post("/report-job/release");
		}
		awaitReportJob("OK");
	}

	private void awaitReportJob(String status) {
		await().atMost(GENEROUS)
			.pollInterval(Duration.ofMillis(200))
			.untilAsserted(() -> assertThat(reportJob().path("status").asString()).isEqualTo(status));
	}

	private JsonNode reportJob() throws IOException, InterruptedException {
		for (JsonNode task : get("/actuator/heartbeat").body().path("tasks")) {
			if ("reportJob.export".equals(task.path("name").asString())) {
				return task;
			}
		}
		return MissingNode.getInstance();
	}

	private double successfulBeats() throws IOException, InterruptedException {
		Response beats = get("/actuator/metrics/heartbeat.beats?tag=result:success");
		return (beats.status() == 200) ? measurement(beats.body(), "COUNT") : 0;
	}

	private static double measurement(JsonNode metric, String statistic) {
		for (JsonNode measurement : metric.get("measurements")) {
			if (statistic.equals(measurement.get("statistic").asString())) {
				return measurement.get("value").asDouble();
			}
		}
		throw new AssertionError("no " + statistic + " in " + metric);
	}

	private static List<String> tagValues(JsonNode metric, String tag) {
		List<String> values = new ArrayList<>();
		for (JsonNode availableTag : metric.get("availableTags")) {
			if (tag.equals(availableTag.get("tag").asString())) {
				availableTag.get("values").forEach((value) -> values.add(value.asString()));
			}
		}
		return values;
	}

	private Response get(String path) throws IOException, InterruptedException {
		return new SampleClient(this.port).get(path);
	}

	private Response post(String path) throws IOException, InterruptedException {
		return new SampleClient(this.port).post(path);
	}

}
