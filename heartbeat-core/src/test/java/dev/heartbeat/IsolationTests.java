package dev.heartbeat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Beats are never delayed by anything but the disk: not by hung targets, hung recoveries,
 * nor by listeners that throw or block.
 */
class IsolationTests {

	private static final Duration GENEROUS = Duration.ofSeconds(30);

	private final CountDownLatch never = new CountDownLatch(1);

	private Heartbeat heartbeat;

	@AfterEach
	void stop() {
		this.never.countDown();
		if (this.heartbeat != null) {
			this.heartbeat.stop();
		}
	}

	@Test
	void thirtyBeatsLandOnScheduleDespiteHungTargetsAndAThrowingListener() {
		List<BeatOutcome> outcomes = new CopyOnWriteArrayList<>();
		this.heartbeat = Heartbeat.builder().interval(Duration.ofSeconds(1)).target("hungCheck", () -> {
			awaitForever();
			return false;
		}).target("hungRecovery", new HeartbeatTarget() {
			@Override
			public boolean isDead() {
				return true;
			}

			@Override
			public void recover() {
				awaitForever();
			}
		}).listener(new HeartbeatListener() {
			@Override
			public void onBeat(HeartbeatState state) {
				throw new IllegalStateException("listener failure");
			}

			@Override
			public void onTargetDead(String targetName, HeartbeatTarget target) {
				throw new IllegalStateException("listener failure");
			}
		}).listener(new HeartbeatListener() {
			@Override
			public void onBeatOutcome(BeatOutcome outcome) {
				outcomes.add(outcome);
			}
		}).build();
		this.heartbeat.start();
		await().atMost(Duration.ofSeconds(60)).until(() -> outcomes.size() >= 30);
		Instant first = outcomes.get(0).timestamp();
		Duration worst = Duration.ZERO;
		for (int beat = 0; beat < 30; beat++) {
			Duration lateness = Duration.between(first.plusSeconds(beat), outcomes.get(beat).timestamp()).abs();
			assertThat(lateness).as("beat %d", beat).isLessThanOrEqualTo(Duration.ofMillis(50));
			assertThat(outcomes.get(beat).isSuccess()).isTrue();
			worst = (lateness.compareTo(worst) > 0) ? lateness : worst;
		}
		// the figure docs/reliability.md quotes
		System.out.println("IsolationTests: 30 beats at 1 s, worst distance from schedule " + worst.toMillis() + " ms");
		assertThat(this.heartbeat.targetReports()).filteredOn((report) -> report.name().equals("hungCheck"))
			.singleElement()
			.satisfies((report) -> {
				assertThat(report.status()).isEqualTo(TargetStatus.DEAD);
				assertThat(report.reason()).startsWith("unresponsive");
			});
	}

	@Test
	void aHungCheckIsReportedDeadAsUnresponsive() {
		RecordingListener listener = new RecordingListener();
		this.heartbeat = Heartbeat.builder()
			.interval(Duration.ofSeconds(1))
			.targetTimeout(Duration.ofSeconds(1))
			.target("feed", () -> {
				awaitForever();
				return false;
			})
			.listener(listener)
			.build();
		this.heartbeat.start();
		await().atMost(GENEROUS).until(() -> listener.dead.contains("feed"));
		await().atMost(GENEROUS)
			.until(() -> this.heartbeat.lastState().orElseThrow().targets().get("feed") == TargetStatus.DEAD);
	}

	@Test
	void aHungRecoveryTimesOutAndIsNeverRunTwiceAtOnce() {
		List<RecoveryOutcome> outcomes = new CopyOnWriteArrayList<>();
		List<Instant> recoveries = new CopyOnWriteArrayList<>();
		this.heartbeat = Heartbeat.builder()
			.interval(Duration.ofSeconds(1))
			.recoveryPolicy(new RecoveryPolicy(Duration.ofSeconds(1), 1.0, Duration.ofSeconds(1), 0, 1, 1, true))
			.target("feed", new HeartbeatTarget() {
				@Override
				public boolean isDead() {
					return true;
				}

				@Override
				public void recover() {
					recoveries.add(Instant.now());
					awaitForever();
				}
			})
			.listener(new HeartbeatListener() {
				@Override
				public void onRecoveryAttempt(String targetName, HeartbeatTarget target, RecoveryOutcome outcome) {
					outcomes.add(outcome);
				}
			})
			.build();
		this.heartbeat.start();
		await().atMost(GENEROUS).until(() -> outcomes.contains(RecoveryOutcome.TIMEOUT));
		await().atMost(GENEROUS).until(() -> this.heartbeat.lastState().orElseThrow().seq() >= 5);
		assertThat(recoveries).hasSize(1);
		assertThat(outcomes).containsExactly(RecoveryOutcome.TIMEOUT);
	}

	@Test
	void aBlockedListenerHoldsUpNeitherTheBeatsNorTheOtherListeners() {
		RecordingListener recording = new RecordingListener();
		this.heartbeat = Heartbeat.builder().interval(Duration.ofSeconds(1)).listener(new HeartbeatListener() {
			@Override
			public void onBeat(HeartbeatState state) {
				awaitForever();
			}
		}).listener(recording).build();
		this.heartbeat.start();
		await().atMost(GENEROUS).until(() -> recording.beats.size() >= 3);
		assertThat(this.heartbeat.lastState().orElseThrow().seq()).isGreaterThanOrEqualTo(3);
	}

	@Test
	void aPauseIsReportedOnceAsAMissedBeatWithTheLengthOfTheGap() {
		MutableTicker ticker = new MutableTicker();
		RecordingListener listener = new RecordingListener();
		Heartbeat paused = Heartbeat.builder()
			.interval(Duration.ofSeconds(1))
			.ticker(ticker)
			.callbackExecutor(Runnable::run)
			.listener(listener)
			.build();
		for (int second = 0; second < 3; second++) {
			ticker.set(Duration.ofSeconds(second));
			paused.tick();
		}
		assertThat(listener.missed).isEmpty();
		ticker.set(Duration.ofSeconds(32));
		paused.tick();
		// the executor then runs the missed beats back to back: they are not written in a
		// burst
		ticker.set(Duration.ofMillis(32_001));
		paused.tick();
		assertThat(listener.missed).singleElement()
			.satisfies((failure) -> assertThat(failure.getMessage()).startsWith("The heartbeat was paused: PT30S"));
	}

	private void awaitForever() {
		try {
			this.never.await();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
