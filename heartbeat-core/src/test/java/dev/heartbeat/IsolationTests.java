package dev.heartbeat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Beats are never delayed by anything but the disk: not by hung targets, hung recoveries,
 * nor by listeners that throw or block. How late beats land under these faults, in real
 * time, is measured by the benchmarks ({@code SchedulingAccuracy isolation}), not here.
 */
class IsolationTests {

	private static final Duration GENEROUS = Duration.ofSeconds(30);

	private final CountDownLatch never = new CountDownLatch(1);

	private final ExecutorService workers = Executors.newCachedThreadPool();

	private final ExecutorService beatThread = Executors.newSingleThreadExecutor();

	private Heartbeat heartbeat;

	@AfterEach
	void stop() {
		this.never.countDown();
		if (this.heartbeat != null) {
			this.heartbeat.stop();
		}
		this.beatThread.shutdownNow();
		this.workers.shutdownNow();
	}

	@Test
	void everyBeatIsWrittenAtOnceWhileTargetsHangAndAListenerThrows() {
		MutableTicker ticker = new MutableTicker();
		CountDownLatch checking = new CountDownLatch(1);
		CountDownLatch recovering = new CountDownLatch(1);
		List<RecoveryOutcome> recoveries = new CopyOnWriteArrayList<>();
		// the longest interval: the heartbeat's own thread writes the first beat, at
		// start, and the test writes every other beat itself, on a beat thread of its
		// own, with the ticker one interval further each time
		this.heartbeat = Heartbeat.builder()
			.interval(Heartbeat.MAX_INTERVAL)
			.ticker(ticker)
			.callbackExecutor(this.workers)
			.target("hungCheck", () -> {
				checking.countDown();
				awaitForever();
				return false;
			})
			.target("hungRecovery", new HeartbeatTarget() {
				@Override
				public boolean isDead() {
					return true;
				}

				@Override
				public void recover() {
					recovering.countDown();
					awaitForever();
				}
			})
			.listener(new HeartbeatListener() {
				@Override
				public void onBeat(HeartbeatState state) {
					throw new IllegalStateException("listener failure");
				}

				@Override
				public void onTargetDead(String targetName, HeartbeatTarget target) {
					throw new IllegalStateException("listener failure");
				}
			})
			.listener(new HeartbeatListener() {
				@Override
				public void onRecoveryAttempt(String targetName, HeartbeatTarget target, RecoveryOutcome outcome) {
					if (targetName.equals("hungRecovery")) {
						recoveries.add(outcome);
					}
				}
			})
			.build();
		// a beat that waited for a hung call would never end: each must end within the
		// wait, however loaded the machine
		assertThat(CompletableFuture.runAsync(this.heartbeat::start, this.beatThread)).succeedsWithin(GENEROUS);
		await().atMost(GENEROUS).until(() -> checking.getCount() == 0 && recovering.getCount() == 0);
		for (int beat = 1; beat < 30; beat++) {
			long seq = beat + 1;
			ticker.set(Heartbeat.MAX_INTERVAL.multipliedBy(beat));
			assertThat(CompletableFuture.runAsync(this.heartbeat::tick, this.beatThread)).as("beat %d", seq)
				.succeedsWithin(GENEROUS);
			assertThat(this.heartbeat.lastState()).as("beat %d", seq)
				.hasValueSatisfying((state) -> assertThat(state.seq()).isEqualTo(seq));
			assertThat(this.heartbeat.lastFailure()).isEmpty();
		}
		// the checks that hang are judged by the beats all the same, once past their
		// timeout (one interval)
		assertThat(this.heartbeat.targetReports()).filteredOn((report) -> report.name().equals("hungCheck"))
			.singleElement()
			.satisfies((report) -> {
				assertThat(report.status()).isEqualTo(TargetStatus.DEAD);
				assertThat(report.reason()).startsWith("unresponsive");
			});
		await().atMost(GENEROUS).until(() -> recoveries.contains(RecoveryOutcome.TIMEOUT));
		assertThat(recoveries).containsExactly(RecoveryOutcome.TIMEOUT);
		assertThat(recovering.getCount()).isZero();
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
