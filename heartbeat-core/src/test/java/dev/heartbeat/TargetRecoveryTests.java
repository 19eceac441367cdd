package dev.heartbeat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Recovery under the policy, driven beat by beat on a fake monotonic clock, so that every
 * attempt time is exact.
 */
class TargetRecoveryTests {

	private static final Duration INTERVAL = Duration.ofSeconds(1);

	private final MutableTicker ticker = new MutableTicker();

	private final RecordingListener listener = new RecordingListener();

	private final List<String> escalations = new CopyOnWriteArrayList<>();

	private final List<RecoveryOutcome> outcomes = new CopyOnWriteArrayList<>();

	private final ScriptedTarget target = new ScriptedTarget();

	private Heartbeat heartbeat(RecoveryPolicy policy) {
		return Heartbeat.builder()
			.interval(INTERVAL)
			.ticker(this.ticker)
			.target("feed", this.target)
			.recoveryPolicy(policy)
			.listener(this.listener)
			.listener(new HeartbeatListener() {
				@Override
				public void onEscalated(String targetName, HeartbeatTarget target) {
					TargetRecoveryTests.this.escalations.add(targetName + "@" + now());
				}

				@Override
				public void onEscalationCleared() {
					TargetRecoveryTests.this.escalations.add("cleared@" + now());
				}

				@Override
				public void onRecoveryAttempt(String targetName, HeartbeatTarget target, RecoveryOutcome outcome) {
					TargetRecoveryTests.this.outcomes.add(outcome);
				}
			})
			.build();
	}

	private void beatAt(Heartbeat heartbeat, long second) {
		this.ticker.set(Duration.ofSeconds(second));
		heartbeat.tick();
	}

	private long now() {
		return Duration.ofNanos(this.ticker.nanoTime()).toSeconds();
	}

	@Test
	void attemptsBackOffExponentiallyThenEscalate() {
		Heartbeat heartbeat = heartbeat(new RecoveryPolicy(null, 2.0, Duration.ofMinutes(5), 5, 1, 1, true));
		this.target.dead.set(true);
		for (long second = 0; second <= 40; second++) {
			beatAt(heartbeat, second);
		}
		assertThat(this.target.attemptTimes).containsExactly(0L, 1L, 3L, 7L, 15L);
		// the sixth attempt would be due at 15 + 16: instead the target escalates, once
		assertThat(this.escalations).containsExactly("feed@31");
		assertThat(heartbeat.isEscalated()).isTrue();
		assertThat(heartbeat.targetReports()).singleElement().satisfies((report) -> {
			assertThat(report.status()).isEqualTo(TargetStatus.DEAD);
			assertThat(report.recoveryAttempts()).isEqualTo(5);
			assertThat(report.consecutiveFailures()).isEqualTo(41);
			assertThat(report.escalated()).isTrue();
		});
		assertThat(this.outcomes).hasSize(5).containsOnly(RecoveryOutcome.FAILED);
		this.target.dead.set(false);
		beatAt(heartbeat, 41);
		assertThat(this.escalations).containsExactly("feed@31", "cleared@41");
		assertThat(heartbeat.isEscalated()).isFalse();
		assertThat(this.listener.recovered).containsExactly("feed");
	}

	@Test
	void backoffIsCappedAtMaxBackoff() {
		Heartbeat heartbeat = heartbeat(new RecoveryPolicy(null, 10.0, Duration.ofSeconds(5), 0, 1, 1, true));
		this.target.dead.set(true);
		for (long second = 0; second <= 21; second++) {
			beatAt(heartbeat, second);
		}
		assertThat(this.target.attemptTimes).containsExactly(0L, 1L, 6L, 11L, 16L, 21L);
		assertThat(this.escalations).isEmpty();
	}

	@Test
	void unlimitedAttemptsNeverEscalate() {
		Heartbeat heartbeat = heartbeat(
				new RecoveryPolicy(Duration.ofSeconds(1), 1.0, Duration.ofSeconds(1), 0, 1, 1, true));
		this.target.dead.set(true);
		for (long second = 0; second < 100; second++) {
			beatAt(heartbeat, second);
		}
		assertThat(this.target.attemptTimes).hasSize(100);
		assertThat(this.escalations).isEmpty();
	}

	@Test
	void aTargetCountsAsDeadOnlyAfterFailureThresholdConsecutiveDeadChecks() {
		Heartbeat heartbeat = heartbeat(new RecoveryPolicy(null, 2.0, Duration.ofMinutes(5), 10, 3, 1, true));
		this.target.dead.set(true);
		beatAt(heartbeat, 0);
		beatAt(heartbeat, 1);
		this.target.dead.set(false);
		beatAt(heartbeat, 2);
		this.target.dead.set(true);
		beatAt(heartbeat, 3);
		beatAt(heartbeat, 4);
		assertThat(heartbeat.targets()).containsEntry("feed", TargetStatus.ALIVE);
		assertThat(this.target.attemptTimes).isEmpty();
		beatAt(heartbeat, 5);
		assertThat(heartbeat.targets()).containsEntry("feed", TargetStatus.DEAD);
		assertThat(this.target.attemptTimes).containsExactly(5L);
		assertThat(this.listener.dead).containsExactly("feed");
	}

	@Test
	void aDeadTargetCountsAsAliveOnlyAfterSuccessThresholdConsecutiveAliveChecks() {
		Heartbeat heartbeat = heartbeat(new RecoveryPolicy(null, 1.0, Duration.ofMinutes(5), 0, 1, 2, true));
		this.target.dead.set(true);
		beatAt(heartbeat, 0);
		this.target.dead.set(false);
		beatAt(heartbeat, 1);
		assertThat(heartbeat.targets()).containsEntry("feed", TargetStatus.DEAD);
		beatAt(heartbeat, 2);
		assertThat(heartbeat.targets()).containsEntry("feed", TargetStatus.ALIVE);
		// an alive check never calls recover(), even while the target still counts as
		// dead
		assertThat(this.target.attemptTimes).containsExactly(0L);
		assertThat(this.outcomes).containsExactly(RecoveryOutcome.RECOVERED);
		assertThat(this.listener.recovered).containsExactly("feed");
	}

	@Test
	void aBeatWritesWhyATargetIsDeadOnlyWhileItCountsAsDead() {
		Heartbeat heartbeat = heartbeat(new RecoveryPolicy(null, 1.0, Duration.ofMinutes(5), 0, 2, 1, true));
		this.target.dead.set(true);
		this.target.reason.set("connection refused");
		beatAt(heartbeat, 0);
		// dead once, below the failure threshold: still alive in the file, with no reason
		assertThat(heartbeat.beat().targetReasons()).isEmpty();
		beatAt(heartbeat, 1);
		HeartbeatState dead = heartbeat.beat();
		assertThat(dead.targets()).containsEntry("feed", TargetStatus.DEAD);
		assertThat(dead.targetReasons()).containsExactly(Map.entry("feed", "connection refused"));
		this.target.dead.set(false);
		beatAt(heartbeat, 2);
		assertThat(heartbeat.beat().targetReasons()).isEmpty();
	}

	@Test
	void aLongReasonIsCutInTheBeatButNotInTheReport() {
		Heartbeat heartbeat = heartbeat(new RecoveryPolicy(null, 1.0, Duration.ofMinutes(5), 0, 1, 1, true));
		this.target.dead.set(true);
		this.target.reason.set("x".repeat(5000));
		beatAt(heartbeat, 0);
		assertThat(heartbeat.beat().targetReasons().get("feed")).hasSize(1000).startsWith("xxx").endsWith("x\u2026");
		assertThat(heartbeat.targetReports()).singleElement()
			.satisfies((report) -> assertThat(report.reason()).hasSize(5000));
		// never half of a surrogate pair where it is cut
		this.target.reason.set("x".repeat(998) + "\uD83D\uDE00".repeat(10));
		beatAt(heartbeat, 1);
		assertThat(heartbeat.beat().targetReasons().get("feed")).isEqualTo("x".repeat(998) + "\u2026");
	}

	@Test
	void aNonCriticalTargetIsOnlyReportedWhenItsAttemptsRunOut() {
		Heartbeat heartbeat = Heartbeat.builder()
			.interval(INTERVAL)
			.ticker(this.ticker)
			.target("feed", this.target)
			.recoveryPolicy("feed", new RecoveryPolicy(null, 1.0, Duration.ofMinutes(5), 2, 1, 1, false))
			.listener(this.listener)
			.build();
		this.target.dead.set(true);
		for (long second = 0; second <= 10; second++) {
			beatAt(heartbeat, second);
		}
		assertThat(this.target.attemptTimes).containsExactly(0L, 1L);
		assertThat(heartbeat.isEscalated()).isFalse();
		assertThat(heartbeat.targetReports()).singleElement().satisfies((report) -> {
			assertThat(report.critical()).isFalse();
			assertThat(report.escalated()).isFalse();
		});
	}

	@Test
	void aRecoveryThatThrowsIsAFailedAttemptAtOnce() {
		Heartbeat heartbeat = heartbeat(RecoveryPolicy.DEFAULT);
		this.target.dead.set(true);
		this.target.recoveryThrows.set(true);
		beatAt(heartbeat, 0);
		assertThat(this.outcomes).containsExactly(RecoveryOutcome.FAILED);
	}

	@Test
	void aTargetThatDiesAgainStartsWithFreshAttempts() {
		Heartbeat heartbeat = heartbeat(new RecoveryPolicy(null, 2.0, Duration.ofMinutes(5), 2, 1, 1, true));
		this.target.dead.set(true);
		for (long second = 0; second <= 3; second++) {
			beatAt(heartbeat, second);
		}
		assertThat(this.escalations).containsExactly("feed@3");
		this.target.dead.set(false);
		beatAt(heartbeat, 4);
		this.target.dead.set(true);
		beatAt(heartbeat, 5);
		assertThat(this.target.attemptTimes).containsExactly(0L, 1L, 5L);
		assertThat(heartbeat.targetReports().get(0).recoveryAttempts()).isEqualTo(1);
		assertThat(heartbeat.isEscalated()).isFalse();
	}

	private final class ScriptedTarget implements HeartbeatTarget {

		final AtomicBoolean dead = new AtomicBoolean();

		final AtomicBoolean recoveryThrows = new AtomicBoolean();

		final List<Long> attemptTimes = new CopyOnWriteArrayList<>();

		final AtomicReference<@Nullable String> reason = new AtomicReference<>();

		@Override
		public boolean isDead() {
			return this.dead.get();
		}

		@Override
		public @Nullable String reason() {
			return this.reason.get();
		}

		@Override
		public void recover() {
			this.attemptTimes.add(now());
			if (this.recoveryThrows.get()) {
				throw new IllegalStateException("cannot reconnect");
			}
		}

	}

}
