package dev.heartbeat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;

import ch.qos.logback.classic.Level;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * A heartbeat stopped and started again beats, checks, recovers and reports as it first
 * did, and one stopped writes nothing until it is started again.
 */
class HeartbeatRestartTests {

	private static final Duration GENEROUS = Duration.ofSeconds(30);

	// no scheduled beat but the first one of each start gets in the way of a test
	private static final Duration LONGEST = Duration.ofSeconds(300);

	private final CountDownLatch released = new CountDownLatch(1);

	@TempDir
	Path directory;

	private Heartbeat heartbeat;

	@AfterEach
	void stop() {
		this.released.countDown();
		if (this.heartbeat != null) {
			this.heartbeat.stop();
		}
	}

	@Test
	void aHeartbeatStartedAgainWritesAndReportsItsBeatsAgain() throws IOException {
		Path file = stateFile();
		RecordingListener listener = new RecordingListener();
		this.heartbeat = Heartbeat.builder().stateFile(file).interval(LONGEST).listener(listener).build();
		this.heartbeat.start();
		this.heartbeat.stop();
		HeartbeatState stopped = HeartbeatState.read(file).orElseThrow();
		assertThat(stopped.status()).isEqualTo(HeartbeatStatus.STOPPED);
		this.heartbeat.start();
		HeartbeatState restarted = HeartbeatState.read(file).orElseThrow();
		assertThat(restarted.status()).isEqualTo(HeartbeatStatus.UP);
		assertThat(restarted.seq()).isEqualTo(stopped.seq() + 1);
		await().atMost(GENEROUS).until(() -> listener.beats.contains(restarted));
	}

	@Test
	void aCheckTheStoppedWorkersDroppedRunsAgainAndOneTheStopInterruptedCountsForNothing() {
		AtomicInteger queuedChecks = new AtomicInteger();
		AtomicInteger interruptedChecks = new AtomicInteger();
		CountDownLatch hung = new CountDownLatch(1);
		this.heartbeat = Heartbeat.builder().interval(LONGEST).target("hung", () -> {
			if (hung.getCount() == 0) {
				// only the first check hangs
				return false;
			}
			hung.countDown();
			try {
				this.released.await();
			}
			catch (InterruptedException ex) {
				interruptedChecks.incrementAndGet();
				throw new IllegalStateException("interrupted", ex);
			}
			return false;
		}).target("queued", () -> {
			queuedChecks.incrementAndGet();
			return false;
		}).build();
		// the first beat hands both checks to one worker: "hung" holds it, and "queued"
		// waits behind it until the stop drops it
		this.heartbeat.start();
		await().atMost(GENEROUS).until(() -> hung.getCount() == 0);
		this.heartbeat.stop();
		await().atMost(GENEROUS).until(() -> interruptedChecks.get() == 1);
		this.heartbeat.start();
		await().atMost(GENEROUS).until(() -> queuedChecks.get() >= 1);
		assertThat(this.heartbeat.targetReports()).filteredOn((report) -> report.name().equals("hung"))
			.singleElement()
			.satisfies((report) -> assertThat(report.status()).isEqualTo(TargetStatus.ALIVE))
			// the interrupted check was not a dead check: the target never changed
			.satisfies((report) -> assertThat(report.lastChange()).isNull());
	}

	@Test
	void aRecoveryTheStoppedRunNeverBeganDoesNotKeepTheNextRunFromRecovering() {
		HeldTasks tasks = new HeldTasks();
		MutableTicker ticker = new MutableTicker();
		AtomicInteger recoveries = new AtomicInteger();
		this.heartbeat = Heartbeat.builder()
			.interval(LONGEST)
			.ticker(ticker)
			.callbackExecutor(tasks)
			.target("feed", new HeartbeatTarget() {
				@Override
				public boolean isDead() {
					return true;
				}

				@Override
				public void recover() {
					recoveries.incrementAndGet();
				}
			})
			.build();
		this.heartbeat.start();
		// the check finds the target dead and hands a recovery over
		tasks.runNext();
		assertThat(tasks.held()).isOne();
		this.heartbeat.stop();
		// as the workers of a stopped run drop what they never began
		tasks.dropAll();
		this.heartbeat.start();
		tasks.runAll();
		// the next attempt is due one backoff (one interval) after the first
		ticker.advance(LONGEST);
		this.heartbeat.tick();
		tasks.runAll();
		assertThat(recoveries).hasValue(1);
		assertThat(this.heartbeat.targetReports()).singleElement()
			.satisfies((report) -> assertThat(report.recoveryAttempts()).isEqualTo(2));
	}

	@Test
	void beatAfterStopWritesNothingUntilTheHeartbeatStartsAgain() throws IOException {
		Path file = stateFile();
		this.heartbeat = Heartbeat.builder().stateFile(file).interval(LONGEST).build();
		this.heartbeat.beat();
		this.heartbeat.start();
		this.heartbeat.beat();
		this.heartbeat.stop();
		String stopped = Files.readString(file);
		// another process may own the file by now
		assertThatExceptionOfType(HeartbeatException.class).isThrownBy(this.heartbeat::beat)
			.withMessageContaining("Heartbeat is stopped")
			.withMessageContaining(file.toString());
		assertThat(file).hasContent(stopped);
		this.heartbeat.start();
		assertThat(this.heartbeat.beat().status()).isEqualTo(HeartbeatStatus.UP);
	}

	@Test
	void stopAndStartRacingFromTwoThreadsLeaveOneConsistentHeartbeat() throws Exception {
		Path file = stateFile();
		RecordingListener listener = new RecordingListener();
		this.heartbeat = Heartbeat.builder().stateFile(file).interval(LONGEST).listener(listener).build();
		try (LogRecorder log = new LogRecorder()) {
			for (int round = 0; round < 30; round++) {
				this.heartbeat.start();
				CyclicBarrier barrier = new CyclicBarrier(2);
				Thread stopping = new Thread(() -> {
					arrive(barrier);
					this.heartbeat.stop();
				});
				Thread starting = new Thread(() -> {
					arrive(barrier);
					try {
						this.heartbeat.start();
					}
					catch (HeartbeatException ex) {
						// it came first, and the heartbeat was still running
					}
				});
				stopping.start();
				starting.start();
				stopping.join();
				starting.join();
				HeartbeatState last = HeartbeatState.read(file).orElseThrow();
				if (this.heartbeat.isRunning()) {
					assertThat(last.status()).as("round %d", round).isEqualTo(HeartbeatStatus.UP);
					// its listeners hear of its beats: the stop did not take them from it
					long seq = this.heartbeat.beatNow().orElseThrow().seq();
					await().atMost(GENEROUS).until(() -> listener.beats.stream().anyMatch((beat) -> beat.seq() == seq));
					this.heartbeat.stop();
				}
				assertThat(HeartbeatState.read(file).orElseThrow().status()).as("round %d", round)
					.isEqualTo(HeartbeatStatus.STOPPED);
			}
			// a start never joined a lock that a stop was still letting go
			assertThat(log.count(Level.WARN, "another heartbeat in this JVM")).isZero();
		}
		// and every stop let it go: a heartbeat of its own takes it now
		try (LogRecorder log = new LogRecorder()) {
			Heartbeat next = Heartbeat.builder().stateFile(file).interval(LONGEST).build();
			next.start();
			next.stop();
			assertThat(log.count(Level.WARN, "another heartbeat in this JVM")).isZero();
		}
	}

	private Path stateFile() {
		return this.directory.resolve("app.heartbeat");
	}

	private static void arrive(CyclicBarrier barrier) {
		try {
			barrier.await();
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * An executor that holds the tasks it is given until the test runs or drops them.
	 */
	static final class HeldTasks implements Executor {

		private final ArrayDeque<Runnable> tasks = new ArrayDeque<>();

		@Override
		public synchronized void execute(Runnable task) {
			this.tasks.add(task);
		}

		synchronized int held() {
			return this.tasks.size();
		}

		void runAll() {
			while (runNext()) {
				// until none is left, including those the tasks run hand over
			}
		}

		boolean runNext() {
			Runnable task = next();
			if (task != null) {
				task.run();
			}
			return task != null;
		}

		synchronized void dropAll() {
			this.tasks.clear();
		}

		private synchronized Runnable next() {
			return this.tasks.poll();
		}

	}

}
