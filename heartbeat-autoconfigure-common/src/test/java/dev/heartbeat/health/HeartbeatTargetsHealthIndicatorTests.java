package dev.heartbeat.health;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.heartbeat.Heartbeat;
import dev.heartbeat.HeartbeatBuilder;
import dev.heartbeat.MutableClock;
import dev.heartbeat.MutableTicker;
import dev.heartbeat.RecoveryPolicy;
import dev.heartbeat.ScheduledBeats;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.InstanceOfAssertFactories.MAP;

class HeartbeatTargetsHealthIndicatorTests {

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

	private HeartbeatBuilder builder() {
		return Heartbeat.builder()
			.stateFile(this.directory.resolve("app.heartbeat"))
			.clock(this.clock)
			.ticker(this.ticker)
			.callbackExecutor(Runnable::run)
			.interval(Duration.ofSeconds(300))
			.recoveryPolicy(new RecoveryPolicy(Duration.ofSeconds(1), 1.0, Duration.ofSeconds(1), 2, 1, 1, true));
	}

	private HealthView health() {
		return HealthView.of(new HeartbeatTargetsHealthIndicator(this.heartbeat));
	}

	@Test
	void withoutTargetsIsUp() {
		this.heartbeat = builder().build();
		this.heartbeat.start();
		HealthView health = health();
		assertThat(health.status()).isEqualTo("UP");
		assertThat(health.details()).containsExactly(Map.entry("targets", Map.of()));
	}

	@Test
	void aliveTargetsAreUpWithEachTargetsDetails() {
		this.heartbeat = builder().target("feed", () -> false).build();
		this.heartbeat.start();
		HealthView health = health();
		assertThat(health.status()).isEqualTo("UP");
		assertThat(health.details()).doesNotContainKey("reason");
		assertThat(health.details().get("targets")).isEqualTo(Map.of("feed", Map.of("status", "ALIVE", "critical", true,
				"consecutiveFailures", 0, "recoveryAttempts", 0, "escalated", false)));
	}

	@Test
	void deadCriticalTargetIsOutOfServiceNamingIt() {
		this.heartbeat = builder().target("feed", () -> true).target("db", () -> false).target("cache", () -> {
			throw new IllegalStateException("no route to cache");
		}).build();
		this.heartbeat.start();
		HealthView health = health();
		assertThat(health.status()).isEqualTo("OUT_OF_SERVICE");
		assertThat(health.details().get("reason")).isEqualTo(
				"dead targets: feed, cache (its check threw java.lang.IllegalStateException: no route to cache)");
		assertThat(health.details().get("targets")).asInstanceOf(MAP)
			.extractingByKey("feed")
			.isEqualTo(Map.of("status", "DEAD", "critical", true, "consecutiveFailures", 1, "recoveryAttempts", 1,
					"escalated", false, "lastChange", "2026-01-12T10:00:00Z"));
	}

	@Test
	void deadTargetThatIsNotCriticalIsUpAndReported() {
		this.heartbeat = builder().target("auditLog", () -> true)
			.recoveryPolicy("auditLog", RecoveryPolicy.DEFAULT.withCritical(false))
			.build();
		this.heartbeat.start();
		HealthView health = health();
		assertThat(health.status()).isEqualTo("UP");
		assertThat(health.details()).doesNotContainKey("reason");
		assertThat(health.details().get("targets")).asInstanceOf(MAP)
			.extractingByKey("auditLog")
			.asInstanceOf(MAP)
			.containsEntry("status", "DEAD")
			.containsEntry("critical", false);
	}

	@Test
	void escalatedTargetIsOutOfServiceAndSaysSoThenUpOnceItIsAlive() {
		AtomicBoolean dead = new AtomicBoolean(true);
		this.heartbeat = builder().target("feed", dead::get).build();
		this.heartbeat.start();
		nextBeat();
		nextBeat();
		assertThat(this.heartbeat.isEscalated()).isTrue();
		HealthView escalated = health();
		assertThat(escalated.status()).isEqualTo("OUT_OF_SERVICE");
		assertThat(escalated.details().get("reason")).isEqualTo("dead target: feed (escalated)");
		dead.set(false);
		nextBeat();
		HealthView alive = health();
		assertThat(alive.status()).isEqualTo("UP");
		assertThat(alive.details()).doesNotContainKey("reason");
	}

	private void nextBeat() {
		this.ticker.advance(Duration.ofSeconds(300));
		ScheduledBeats.tick(this.heartbeat);
	}

}
