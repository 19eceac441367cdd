package dev.heartbeat.health;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.heartbeat.Heartbeat;
import dev.heartbeat.HeartbeatBuilder;
import dev.heartbeat.HeartbeatTarget;
import dev.heartbeat.MutableClock;
import dev.heartbeat.MutableTicker;
import dev.heartbeat.RecoveryPolicy;
import dev.heartbeat.ScheduledBeats;
import dev.heartbeat.TargetStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class HeartbeatHealthIndicatorTests {

	@TempDir
	Path directory;

	private final MutableClock clock = new MutableClock(Instant.parse("2026-01-12T10:00:00Z"));

	private final MutableTicker ticker = new MutableTicker();

	private Heartbeat heartbeat;

	@AfterEach
	void stop() {
		if (this.heartbeat != null) {
			this.heartbeat.stop();
		}
	}

	private Path stateFile() {
		return this.directory.resolve("app.heartbeat");
	}

	private HeartbeatBuilder builder() {
		return Heartbeat.builder()
			.stateFile(stateFile())
			.clock(this.clock)
			.ticker(this.ticker)
			.callbackExecutor(Runnable::run)
			.interval(Duration.ofSeconds(300));
	}

	private HealthView health() {
		return HealthView.of(new HeartbeatHealthIndicator(this.heartbeat));
	}

	@Test
	void freshBeatIsUpWithDetails() {
		this.heartbeat = builder().target("feed", () -> false).build();
		this.heartbeat.start();
		this.ticker.advance(Duration.ofSeconds(2));
		HealthView health = health();
		assertThat(health.status()).isEqualTo("UP");
		assertThat(health.details()).containsEntry("stateFile", stateFile().toString())
			.containsEntry("beatStatus", "UP")
			.containsEntry("lastBeat", "2026-01-12T10:00:00Z")
			.containsEntry("age", "PT2S")
			.containsEntry("maxAge", "PT15M")
			.containsEntry("pid", ProcessHandle.current().pid())
			.containsEntry("seq", 1L)
			.containsKeys("hostname", "targets")
			.doesNotContainKey("reason");
	}

	@Test
	void eachCheckReportsTheBeatTheFileHoldsNow() {
		this.heartbeat = builder().build();
		this.heartbeat.start();
		HeartbeatHealthIndicator indicator = new HeartbeatHealthIndicator(this.heartbeat);
		assertThat(HealthView.of(indicator).details()).containsEntry("lastBeat", "2026-01-12T10:00:00Z")
			.containsEntry("seq", 1L);
		this.clock.advance(Duration.ofSeconds(7));
		this.heartbeat.beat();
		assertThat(HealthView.of(indicator).details()).containsEntry("lastBeat", "2026-01-12T10:00:07Z")
			.containsEntry("seq", 2L);
	}

	@Test
	void missingFileIsDown() {
		this.heartbeat = builder().build();
		HealthView health = health();
		assertThat(health.status()).isEqualTo("DOWN");
		assertThat(health.details().get("reason")).asString().endsWith("does not exist");
	}

	@Test
	void unreadableFileIsDown() throws IOException {
		this.heartbeat = builder().build();
		Files.writeString(stateFile(), "{\"timestamp\": ");
		assertThat(health().details().get("reason")).asString().contains("is not valid JSON");
	}

	@Test
	void beatOlderThanMaxAgeIsDown() {
		this.heartbeat = builder().maxAge(Duration.ofSeconds(30)).build();
		this.heartbeat.beat();
		this.ticker.advance(Duration.ofSeconds(30));
		assertThat(health().status()).isEqualTo("UP");
		this.ticker.advance(Duration.ofMillis(1));
		HealthView health = health();
		assertThat(health.status()).isEqualTo("DOWN");
		assertThat(health.details().get("reason"))
			.isEqualTo("the last beat is PT30.001S old, older than the maximum age of PT30S");
	}

	@Test
	void wallClockStepsNeitherAgeNorRejuvenateOurOwnBeat() {
		this.heartbeat = builder().maxAge(Duration.ofSeconds(30)).build();
		this.heartbeat.beat();
		this.clock.advance(Duration.ofHours(1));
		assertThat(health().status()).isEqualTo("UP");
		this.clock.advance(Duration.ofHours(-2));
		assertThat(health().status()).isEqualTo("UP");
		this.ticker.advance(Duration.ofSeconds(31));
		this.clock.set(Instant.parse("2026-01-12T10:00:00Z"));
		assertThat(health().details().get("reason"))
			.isEqualTo("the last beat is PT31S old, older than the maximum age of PT30S");
	}

	@Test
	void beatOfThisProcessThatIsNotItsLastIsJudgedByTheWallClock() throws IOException {
		this.heartbeat = builder().build();
		this.heartbeat.beat();
		String future = Files.readString(stateFile())
			.replace("2026-01-12T10:00:00.000000+00:00", "2026-01-12T11:00:00.000000+00:00");
		Files.writeString(stateFile(), future);
		assertThat(health().details().get("reason")).isEqualTo("the last beat is PT1H in the future");
	}

	@Test
	void fileWrittenByAnotherProcessIsDown() throws IOException {
		this.heartbeat = builder().build();
		Files.writeString(stateFile(),
				"{\"timestamp\": \"2026-01-12T10:00:00+00:00\", \"pid\": 1, \"hostname\": \"h\"}");
		HealthView health = health();
		assertThat(health.status()).isEqualTo("DOWN");
		assertThat(health.details().get("reason")).isEqualTo("the state file was written by another process (pid 1)");
	}

	@Test
	void deadTargetIsReportedButNeverTakesItDown() {
		HeartbeatTarget dead = () -> true;
		this.heartbeat = builder().target("feed", dead).target("db", () -> false).target("cache", dead).build();
		this.heartbeat.start();
		HealthView health = health();
		assertThat(health.status()).isEqualTo("UP");
		assertThat(health.details()).doesNotContainKeys("reason", "escalated");
		assertThat(health.details().get("targets"))
			.isEqualTo(Map.of("feed", TargetStatus.DEAD, "db", TargetStatus.ALIVE, "cache", TargetStatus.DEAD));
	}

	@Test
	void deadTargetThatIsNotCriticalIsOnlyReported() {
		this.heartbeat = builder().target("feed", () -> true)
			.recoveryPolicy("feed", RecoveryPolicy.DEFAULT.withCritical(false))
			.build();
		this.heartbeat.start();
		HealthView health = health();
		assertThat(health.status()).isEqualTo("UP");
		assertThat(health.details().get("targets")).isEqualTo(Map.of("feed", TargetStatus.DEAD));
	}

	@Test
	void deadTargetIsUpThroughEveryRecoveryAttemptAndDownOnceItEscalates() {
		AtomicBoolean dead = new AtomicBoolean(true);
		this.heartbeat = builder().target("feed", dead::get).recoveryPolicy(policyOfAttempts(3)).build();
		this.heartbeat.start();
		for (int attempt = 1; attempt <= 3; attempt++) {
			assertThat(this.heartbeat.targetReports().get(0).recoveryAttempts()).isEqualTo(attempt);
			assertThat(health().status()).as("attempt %d", attempt).isEqualTo("UP");
			nextBeatAfterBackoff();
		}
		assertThat(this.heartbeat.isEscalated()).isTrue();
		HealthView escalated = health();
		assertThat(escalated.status()).isEqualTo("DOWN");
		assertThat(escalated.details())
			.containsEntry("reason", "escalated: feed is still dead after 3 recovery attempts")
			.containsEntry("escalated", List.of("feed"));
		dead.set(false);
		nextBeatAfterBackoff();
		HealthView cleared = health();
		assertThat(cleared.status()).isEqualTo("UP");
		assertThat(cleared.details()).doesNotContainKeys("reason", "escalated");
	}

	@Test
	void everyEscalatedTargetIsNamed() {
		this.heartbeat = builder().target("feed", () -> true)
			.target("cache", () -> true)
			.recoveryPolicy(policyOfAttempts(1))
			.build();
		this.heartbeat.start();
		nextBeatAfterBackoff();
		assertThat(health().details()).containsEntry("reason",
				"escalated: feed is still dead after 1 recovery attempt, cache is still dead after 1 recovery attempt");
	}

	@Test
	void escalationIsOnlyReportedWhenItMayNotBreakLiveness() {
		this.heartbeat = builder().target("feed", () -> true).recoveryPolicy(policyOfAttempts(1)).build();
		this.heartbeat.start();
		nextBeatAfterBackoff();
		assertThat(this.heartbeat.isEscalated()).isTrue();
		HealthView health = HealthView.of(new HeartbeatHealthIndicator(this.heartbeat, false));
		assertThat(health.status()).isEqualTo("UP");
		assertThat(health.details()).containsEntry("escalated", List.of("feed")).doesNotContainKey("reason");
	}

	@Test
	void aStaleBeatIsDownForItsOwnReasonEvenWhenEscalated() {
		this.heartbeat = builder().target("feed", () -> true).recoveryPolicy(policyOfAttempts(1)).build();
		this.heartbeat.start();
		nextBeatAfterBackoff();
		this.ticker.advance(Duration.ofMinutes(16));
		assertThat(health().details().get("reason")).asString().startsWith("the last beat is PT16M");
	}

	private static RecoveryPolicy policyOfAttempts(int maxAttempts) {
		return new RecoveryPolicy(Duration.ofSeconds(1), 1.0, Duration.ofSeconds(1), maxAttempts, 1, 1, true);
	}

	// targets are checked by scheduled beats, and backoff is measured on the ticker
	private void nextBeatAfterBackoff() {
		this.ticker.advance(Duration.ofSeconds(300));
		ScheduledBeats.tick(this.heartbeat);
	}

	@Test
	void stoppedHeartbeatIsDown() {
		this.heartbeat = builder().build();
		this.heartbeat.start();
		this.heartbeat.stop();
		assertThat(health().details().get("reason")).isEqualTo("the heartbeat has stopped");
	}

	@Test
	void failedWriteIsDownNamingTheCause() throws IOException {
		this.heartbeat = builder().build();
		this.heartbeat.start();
		Files.delete(stateFile());
		Files.createDirectory(stateFile());
		this.heartbeat.updateStatus(this.heartbeat.status());
		HealthView health = health();
		assertThat(health.status()).isEqualTo("DOWN");
		assertThat(health.details().get("reason")).asString()
			.startsWith("the last beat could not be written: Failed to write heartbeat to " + stateFile())
			.endsWith("Is a directory");
		Files.delete(stateFile());
		this.heartbeat.updateStatus(this.heartbeat.status());
		assertThat(health().status()).isEqualTo("UP");
	}

	@Test
	void withoutAStateFileTheLastBeatInMemoryIsJudged() {
		this.heartbeat = Heartbeat.builder()
			.clock(this.clock)
			.ticker(this.ticker)
			.maxAge(Duration.ofSeconds(30))
			.build();
		assertThat(health().details().get("reason")).isEqualTo("no beat has been made yet");
		this.heartbeat.beat();
		HealthView health = health();
		assertThat(health.status()).isEqualTo("UP");
		assertThat(health.details()).doesNotContainKey("stateFile");
		this.ticker.advance(Duration.ofMinutes(1));
		assertThat(health().status()).isEqualTo("DOWN");
	}

}
