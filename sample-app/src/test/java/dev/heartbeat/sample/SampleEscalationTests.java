package dev.heartbeat.sample;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import dev.heartbeat.Heartbeat;
import dev.heartbeat.event.TargetDeadEvent;
import dev.heartbeat.sample.SampleClient.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.event.EventListener;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An upstream that stays down, observed over real HTTP with the README's probe
 * configuration (the sample's {@code application.yml}: probes on, {@code heartbeat} in
 * the liveness group) and the sample's recovery policy: liveness stays UP through every
 * recovery attempt, fails only once the target escalates, and is UP again once the
 * upstream is back.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "heartbeat.interval=1s", "heartbeat.max-age=3s", "heartbeat.recovery.initial-backoff=1s" })
class SampleEscalationTests {

	private static final Duration GENEROUS = Duration.ofSeconds(30);

	private static final String LIVENESS = "/actuator/health/liveness";

	@TempDir
	static Path directory;

	@Value("${local.server.port}")
	int port;

	@Value("${heartbeat.recovery.targets.upstream.max-attempts}")
	int maxAttempts;

	@Autowired
	RecoveryAttempts attempts;

	@Autowired
	Heartbeat heartbeat;

	@DynamicPropertySource
	static void stateFile(DynamicPropertyRegistry registry) {
		registry.add("heartbeat.state-file", () -> directory.resolve("escalation.heartbeat").toString());
	}

	@Test
	void livenessStaysUpThroughEveryRecoveryAttemptFailsOnEscalationAndRecoversWithTheUpstream() throws Exception {
		await().atMost(GENEROUS).until(() -> status(LIVENESS) == 200);
		assertThat(this.maxAttempts).as("the sample's policy escalates after a few attempts").isBetween(2, 10);
		post("/upstream/outage");
		List<Check> checks = new ArrayList<>();
		for (int attempt = 1; attempt <= this.maxAttempts; attempt++) {
			TargetDeadEvent event = this.attempts.events.poll(GENEROUS.toSeconds(), TimeUnit.SECONDS);
			assertThat(event).as("recovery attempt %d", attempt).isNotNull();
			assertThat(event.getTargetName()).isEqualTo("upstream");
			Response liveness = get(LIVENESS);
			Response targets = get("/actuator/health/heartbeatTargets");
			// read after the probe: escalation lasts while the upstream is down, so a
			// probe that was not escalated then is not escalated now either
			checks.add(new Check(attempt, liveness.status(), targets.body().get("status").asString(),
					this.heartbeat.isEscalated()));
		}
		assertThat(checks).as("checks at each recovery attempt").allSatisfy((check) -> {
			assertThat(check.targets()).isEqualTo("OUT_OF_SERVICE");
			if (!check.escalated()) {
				assertThat(check.liveness()).as("liveness at attempt %d, before escalation", check.attempt())
					.isEqualTo(200);
			}
		});
		assertThat(checks.get(0).escalated()).as("escalated before the first attempt was checked").isFalse();

		awaitLiveness(503, "DOWN");
		assertThat(this.heartbeat.isEscalated()).isTrue();
		assertThat(this.attempts.events).as("no attempt after the last allowed one").isEmpty();
		JsonNode heartbeat = get(LIVENESS).body().get("components").get("heartbeat").get("details");
		assertThat(heartbeat.get("reason").asString())
			.isEqualTo("escalated: upstream is still dead after " + this.maxAttempts + " recovery attempts");
		assertThat(heartbeat.get("escalated").get(0).asString()).isEqualTo("upstream");

		post("/upstream/reconnect");
		awaitLiveness(200, "UP");
		assertThat(get("/actuator/health/heartbeatTargets").body().get("status").asString()).isEqualTo("UP");
	}

	// both ways to fail liveness agree: Boot's livenessState and the heartbeat component
	private void awaitLiveness(int httpStatus, String componentsStatus) {
		await().atMost(GENEROUS).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> {
			Response liveness = get(LIVENESS);
			assertThat(liveness.status()).isEqualTo(httpStatus);
			JsonNode components = liveness.body().get("components");
			assertThat(components.get("livenessState").get("status").asString()).isEqualTo(componentsStatus);
			assertThat(components.get("heartbeat").get("status").asString()).isEqualTo(componentsStatus);
		});
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

	/**
	 * What the probes answered at one recovery attempt.
	 *
	 * @param attempt the attempt
	 * @param liveness the liveness probe's HTTP status
	 * @param targets the {@code heartbeatTargets} component's status
	 * @param escalated whether the target had escalated once both were answered
	 */
	record Check(int attempt, int liveness, String targets, boolean escalated) {
	}

	/**
	 * Collects the event published before each recovery attempt.
	 */
	@TestConfiguration(proxyBeanMethods = false)
	static class RecoveryAttempts {

		final BlockingQueue<TargetDeadEvent> events = new LinkedBlockingQueue<>();

		@EventListener
		void onTargetDead(TargetDeadEvent event) {
			this.events.add(event);
		}

	}

}
