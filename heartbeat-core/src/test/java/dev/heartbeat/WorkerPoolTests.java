package dev.heartbeat;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

class WorkerPoolTests {

	private static final Duration GENEROUS = Duration.ofSeconds(20);

	private final WorkerPool pool = new WorkerPool("test-worker-");

	private final CountDownLatch never = new CountDownLatch(1);

	@AfterEach
	void shutdown() {
		this.never.countDown();
		this.pool.shutdownNow();
	}

	@Test
	void quickTasksShareOneThread() {
		Set<String> threads = ConcurrentHashMap.newKeySet();
		AtomicInteger done = new AtomicInteger();
		for (int round = 0; round < 50; round++) {
			int expected = (round + 1) * 4;
			for (int task = 0; task < 4; task++) {
				this.pool.execute(() -> {
					threads.add(Thread.currentThread().getName());
					done.incrementAndGet();
				});
			}
			await().atMost(GENEROUS).until(() -> done.get() == expected);
		}
		assertThat(threads).containsExactly("test-worker-1");
		assertThat(this.pool.size()).isOne();
	}

	@Test
	void aHungTaskCostsOnlyItsOwnThread() {
		this.pool.execute(this::awaitForever);
		AtomicBoolean ran = new AtomicBoolean();
		// work that arrives once the only thread has hung past the stall allowance gets a
		// thread of its own
		await().atMost(GENEROUS).untilAsserted(() -> {
			this.pool.execute(() -> ran.set(true));
			this.pool.checkStalls();
			assertThat(ran).isTrue();
		});
		assertThat(this.pool.size()).isEqualTo(2);
	}

	@Test
	void workWaitingBehindAHungTaskIsPickedUpByTheNextStallCheck() {
		CountDownLatch started = new CountDownLatch(1);
		this.pool.execute(() -> {
			started.countDown();
			awaitForever();
		});
		AtomicBoolean ran = new AtomicBoolean();
		await().atMost(GENEROUS).until(() -> started.getCount() == 0);
		this.pool.execute(() -> ran.set(true));
		await().atMost(GENEROUS).untilAsserted(() -> {
			this.pool.checkStalls();
			assertThat(ran).isTrue();
		});
	}

	@Test
	void shutdownNowInterruptsWhatRunsAndRefusesMore() {
		AtomicBoolean interrupted = new AtomicBoolean();
		CountDownLatch started = new CountDownLatch(1);
		this.pool.execute(() -> {
			started.countDown();
			try {
				this.never.await();
			}
			catch (InterruptedException ex) {
				interrupted.set(true);
			}
		});
		await().atMost(GENEROUS).until(() -> started.getCount() == 0);
		this.pool.shutdownNow();
		await().atMost(GENEROUS).untilTrue(interrupted);
		await().atMost(GENEROUS).until(() -> this.pool.size() == 0);
		assertThatExceptionOfType(RejectedExecutionException.class).isThrownBy(() -> this.pool.execute(() -> {
		}));
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
