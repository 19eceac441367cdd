package dev.heartbeat;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.locks.ReentrantLock;

import ch.qos.logback.classic.Level;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The deadlock target on real deadlocks: one on {@link ReentrantLock}s in this JVM,
 * undone by interrupting its threads, and one on monitors, which nothing undoes, in a JVM
 * of its own.
 */
class DeadlockTargetTests {

	private final MutableTicker ticker = new MutableTicker();

	private final RecordingListener listener = new RecordingListener();

	@Test
	void withoutADeadlockTheTargetIsAlive() {
		DeadlockTarget target = new DeadlockTarget();
		assertThat(target.isDead()).isFalse();
		assertThat(target.reason()).isNull();
		assertThat(target.name()).isEqualTo("deadlock");
	}

	@Test
	void aDeadlockOnLocksIsFoundWithinOneCheckAndEscalatesAtOnce() throws Exception {
		Heartbeat heartbeat = Heartbeat.builder().ticker(this.ticker).listener(this.listener).detectDeadlocks().build();
		try (LogRecorder log = new LogRecorder(); LockDeadlock deadlock = new LockDeadlock()) {
			deadlock.await();
			heartbeat.tick();
			assertThat(heartbeat.isEscalated()).isTrue();
			assertThat(this.listener.dead).isEmpty();
			TargetReport report = heartbeat.targetReports().get(0);
			assertThat(report.recoveryAttempts()).isZero();
			assertThat(report.reason()).startsWith("deadlocked threads: ")
				.contains("'locks-a' waits for java.util.concurrent.locks.ReentrantLock$NonfairSync@")
				.contains("held by 'locks-b'")
				.contains("'locks-b' waits for")
				.contains("held by 'locks-a'");
			this.ticker.advance(Duration.ofSeconds(10));
			heartbeat.tick();
			// the stacks once per deadlock, however many checks find it
			assertThat(log.messages(Level.ERROR)).filteredOn((message) -> message.contains("found deadlocked threads"))
				.singleElement()
				.satisfies((message) -> assertThat(message).contains("\tat ")
					.contains(LockDeadlock.class.getName() + ".lambda"));
			deadlock.close();
			this.ticker.advance(Duration.ofSeconds(10));
			heartbeat.tick();
			assertThat(heartbeat.isEscalated()).isFalse();
			assertThat(heartbeat.targets()).containsEntry("deadlock", TargetStatus.ALIVE);
		}
	}

	@Test
	void theStateFileNamesTheDeadlockedThreadsAndTheLocksTheyWaitOn(@TempDir Path directory) throws Exception {
		Path stateFile = directory.resolve("deadlock.heartbeat");
		Heartbeat heartbeat = Heartbeat.builder().stateFile(stateFile).ticker(this.ticker).detectDeadlocks().build();
		try (LockDeadlock deadlock = new LockDeadlock()) {
			deadlock.await();
			heartbeat.tick();
			heartbeat.beat();
			HeartbeatState state = HeartbeatState.read(stateFile).orElseThrow();
			assertThat(state.targets()).containsEntry("deadlock", TargetStatus.DEAD);
			assertThat(state.targetReasons()).containsOnlyKeys("deadlock");
			assertThat(state.targetReasons().get("deadlock")).startsWith("deadlocked threads: ")
				.contains("'locks-a' waits for java.util.concurrent.locks.ReentrantLock$NonfairSync@")
				.contains("held by 'locks-b'")
				.contains("'locks-b' waits for")
				.contains("held by 'locks-a'")
				.doesNotContain("\tat ");
			assertThat(Files.readString(stateFile))
				.contains("\"targetReasons\": {\n    \"deadlock\": \"deadlocked threads: ");
			deadlock.close();
			this.ticker.advance(Duration.ofSeconds(10));
			heartbeat.tick();
			heartbeat.beat();
			// undone: the file is as it was before this library gave reasons
			assertThat(HeartbeatState.read(stateFile).orElseThrow().targets()).containsEntry("deadlock",
					TargetStatus.ALIVE);
			assertThat(Files.readString(stateFile)).doesNotContain("targetReasons");
		}
	}

	@Test
	void theDeadlockPolicyCanBeOverridden() throws Exception {
		Heartbeat heartbeat = Heartbeat.builder()
			.ticker(this.ticker)
			.detectDeadlocks()
			.recoveryPolicy("deadlock", DeadlockTarget.POLICY.withCritical(false))
			.build();
		try (LockDeadlock deadlock = new LockDeadlock()) {
			deadlock.await();
			heartbeat.tick();
			assertThat(heartbeat.targets()).containsEntry("deadlock", TargetStatus.DEAD);
			assertThat(heartbeat.isEscalated()).isFalse();
		}
	}

	@Test
	void aDeadlockOnMonitorsIsFound() throws Exception {
		try (ChildJvm child = ChildJvm.start(MonitorDeadlock.class)) {
			await().atMost(Duration.ofMinutes(1)).until(() -> child.printed("reason: "));
			assertThat(child.lines()).filteredOn((line) -> line.startsWith("reason: "))
				.singleElement()
				.satisfies((line) -> assertThat(line).contains("'monitors-a' waits for java.lang.Object@")
					.contains("held by 'monitors-b'")
					.contains("'monitors-b' waits for java.lang.Object@")
					.contains("held by 'monitors-a'"));
		}
	}

	/**
	 * Two threads that deadlock on two monitors, then the check of a deadlock target.
	 */
	static final class MonitorDeadlock {

		public static void main(String[] args) {
			Object first = new Object();
			Object second = new Object();
			CountDownLatch bothHold = new CountDownLatch(2);
			start("monitors-a", first, second, bothHold);
			start("monitors-b", second, first, bothHold);
			DeadlockTarget target = new DeadlockTarget();
			while (!target.isDead()) {
				Thread.onSpinWait();
			}
			System.out.println("reason: " + target.reason());
			System.exit(0);
		}

		private static void start(String name, Object held, Object wanted, CountDownLatch bothHold) {
			Thread thread = new Thread(() -> {
				synchronized (held) {
					bothHold.countDown();
					awaitQuietly(bothHold);
					synchronized (wanted) {
						System.out.println("unreachable");
					}
				}
			}, name);
			thread.setDaemon(true);
			thread.start();
		}

		private static void awaitQuietly(CountDownLatch latch) {
			try {
				latch.await();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}

	}

	/**
	 * Two threads deadlocked on two {@link ReentrantLock}s, taken interruptibly so that
	 * closing undoes the deadlock.
	 */
	static final class LockDeadlock implements AutoCloseable {

		private final Thread first;

		private final Thread second;

		LockDeadlock() {
			ReentrantLock a = new ReentrantLock();
			ReentrantLock b = new ReentrantLock();
			CountDownLatch bothHold = new CountDownLatch(2);
			this.first = start("locks-a", a, b, bothHold);
			this.second = start("locks-b", b, a, bothHold);
		}

		void await() {
			ThreadMXBean threads = ManagementFactory.getThreadMXBean();
			org.awaitility.Awaitility.await()
				.atMost(Duration.ofMinutes(1))
				.until(() -> threads.findDeadlockedThreads() != null);
		}

		private static Thread start(String name, ReentrantLock held, ReentrantLock wanted, CountDownLatch bothHold) {
			Thread thread = new Thread(() -> {
				held.lock();
				try {
					bothHold.countDown();
					bothHold.await();
					wanted.lockInterruptibly();
				}
				catch (InterruptedException ex) {
					// undone
				}
				finally {
					held.unlock();
				}
			}, name);
			thread.setDaemon(true);
			thread.start();
			return thread;
		}

		@Override
		public void close() throws InterruptedException {
			this.first.interrupt();
			this.second.interrupt();
			this.first.join();
			this.second.join();
		}

	}

}
