package dev.heartbeat.benchmarks;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;

import dev.heartbeat.DeadlockTarget;

/**
 * The cost of one check of the {@code deadlock} target with a few hundred threads alive,
 * as a busy server has: half of them parked in {@code LockSupport}, half blocked in
 * {@code Object.wait}, none deadlocked (the steady state: a deadlock found escalates the
 * process at once). Each sample is the mean of a batch of checks, on this thread; the
 * heartbeat runs them on a worker thread, never on the beat thread.
 * <p>
 * Usage: {@code DeadlockCheckCost <threads> <samples>}; prints {@code key=value} lines.
 */
public final class DeadlockCheckCost {

	private static final int BATCH = 50;

	private DeadlockCheckCost() {
	}

	public static void main(String[] args) throws Exception {
		int threadCount = Integer.parseInt(args[0]);
		int samples = Integer.parseInt(args[1]);
		CountDownLatch release = new CountDownLatch(1);
		Object monitor = new Object();
		List<Thread> threads = new ArrayList<>();
		for (int i = 0; i < threadCount; i++) {
			Thread thread = new Thread((i % 2 == 0) ? () -> awaitQuietly(release) : () -> waitQuietly(monitor),
					"idle-" + i);
			thread.setDaemon(true);
			thread.start();
			threads.add(thread);
		}
		DeadlockTarget target = new DeadlockTarget();
		for (int i = 0; i < 2000; i++) {
			check(target);
		}
		double[] micros = new double[samples];
		for (int s = 0; s < samples; s++) {
			long start = System.nanoTime();
			for (int i = 0; i < BATCH; i++) {
				check(target);
			}
			micros[s] = (System.nanoTime() - start) / 1e3 / BATCH;
		}
		Arrays.sort(micros);
		release.countDown();
		synchronized (monitor) {
			monitor.notifyAll();
		}
		System.out.printf("deadlock.threads=%d%n", Thread.activeCount());
		System.out.printf("deadlock.samples=%d%n", samples);
		System.out.printf("deadlock.check_p50_us=%.1f%n", micros[samples / 2]);
		System.out.printf("deadlock.check_p99_us=%.1f%n", micros[Math.min(samples - 1, (int) (samples * 0.99))]);
		System.out.printf("deadlock.check_max_us=%.1f%n", micros[samples - 1]);
	}

	private static void check(DeadlockTarget target) {
		if (target.isDead()) {
			throw new IllegalStateException("a deadlock in the benchmark: " + target.reason());
		}
	}

	private static void awaitQuietly(CountDownLatch latch) {
		try {
			latch.await();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private static void waitQuietly(Object monitor) {
		synchronized (monitor) {
			try {
				monitor.wait();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
	}

}
