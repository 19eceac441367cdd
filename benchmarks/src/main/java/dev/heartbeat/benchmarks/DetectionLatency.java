package dev.heartbeat.benchmarks;

import java.time.Duration;
import java.util.Random;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import dev.heartbeat.Heartbeat;
import dev.heartbeat.HeartbeatTarget;

/**
 * From a target turning dead to its {@code recover()} being called, with a 1 s interval:
 * the target dies at a random point of the interval, so the latency is what is left of
 * the interval until the next check, plus the heartbeat's own overhead (the check, then
 * the recovery, on worker threads), printed apart.
 * <p>
 * Usage: {@code DetectionLatency <trials>}; prints {@code key=value} lines.
 */
public final class DetectionLatency {

	private DetectionLatency() {
	}

	public static void main(String[] args) throws Exception {
		int trials = Integer.parseInt(args[0]);
		Duration interval = Duration.ofSeconds(1);
		Target target = new Target();
		Heartbeat heartbeat = Heartbeat.builder().interval(interval).target("feed", target).build();
		double[] latency = new double[trials];
		double[] overhead = new double[trials];
		Random random = new Random(3);
		heartbeat.start();
		try {
			for (int i = 0; i < trials; i++) {
				// let a check see it alive again, then kill it somewhere in the next
				// interval
				Thread.sleep(1200 + random.nextInt(1000));
				long died = target.die();
				if (!target.recovered.tryAcquire(5, TimeUnit.SECONDS)) {
					throw new IllegalStateException("the target was never recovered");
				}
				latency[i] = (target.recoveredNanos - died) / 1e6;
				overhead[i] = (target.recoveredNanos - target.deadCheckNanos) / 1e6;
			}
		}
		finally {
			heartbeat.stop();
		}
		System.out.printf("detect.trials=%d%n", trials);
		System.out.printf("detect.interval_ms=%d%n", interval.toMillis());
		System.out.printf("detect.latency_p50_ms=%.3f%n", BeatRatio.median(latency));
		System.out.printf("detect.latency_max_ms=%.3f%n", BeatRatio.quantile(latency, 1.0));
		System.out.printf("detect.after_check_p50_ms=%.3f%n", BeatRatio.median(overhead));
		System.out.printf("detect.after_check_max_ms=%.3f%n", BeatRatio.quantile(overhead, 1.0));
	}

	/**
	 * A target that is told when to die, notes when its check first finds it dead, and is
	 * recovered by its first {@code recover()}.
	 */
	private static final class Target implements HeartbeatTarget {

		final Semaphore recovered = new Semaphore(0);

		private volatile boolean dead;

		volatile long deadCheckNanos;

		volatile long recoveredNanos;

		long die() {
			this.deadCheckNanos = 0;
			long now = System.nanoTime();
			this.dead = true;
			return now;
		}

		@Override
		public boolean isDead() {
			boolean isDead = this.dead;
			if (isDead && this.deadCheckNanos == 0) {
				this.deadCheckNanos = System.nanoTime();
			}
			return isDead;
		}

		@Override
		public void recover() {
			if (this.dead) {
				this.recoveredNanos = System.nanoTime();
				this.dead = false;
				this.recovered.release();
			}
		}

	}

}
