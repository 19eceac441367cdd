package dev.heartbeat.benchmarks;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

import com.sun.management.GarbageCollectionNotificationInfo;

import dev.heartbeat.Heartbeat;
import dev.heartbeat.HeartbeatBuilder;
import dev.heartbeat.HeartbeatListener;
import dev.heartbeat.HeartbeatState;
import dev.heartbeat.HeartbeatTarget;

/**
 * How late each beat is against its fixed-rate schedule ({@code start + n × interval})
 * under load: {@code busy} (two threads spinning, one per core) or {@code gc} (a thread
 * allocating as fast as it can while keeping a large, changing set of objects alive, so
 * that the collector works all the time); or under faults of user code,
 * {@code isolation}: a target whose check never returns, one whose recovery never
 * returns, and a listener that throws on every call, all at once. A beat's time is when
 * it reads the clock to timestamp itself, on the heartbeat's thread.
 * <p>
 * Usage: {@code SchedulingAccuracy <busy|young|gc|isolation|idle> <beats>}; prints
 * {@code key=value} lines.
 */
public final class SchedulingAccuracy {

	private static volatile boolean loaded = true;

	private static volatile Object sink;

	private SchedulingAccuracy() {
	}

	public static void main(String[] args) throws Exception {
		String load = args[0];
		int beats = Integer.parseInt(args[1]);
		GcPauses pauses = GcPauses.record();
		List<Thread> loaders = startLoad(load);
		BeatTimes times = new BeatTimes(beats);
		long period = Duration.ofSeconds(1).toNanos();
		long[] reference = new long[beats];
		Thread timer = start("reference-timer", () -> sleepUntilEachDeadline(reference, period));
		Path directory = BenchDirs.create("tmp");
		HeartbeatBuilder builder = Heartbeat.builder()
			.stateFile(directory.resolve("app.heartbeat"))
			.interval(Duration.ofSeconds(1))
			.clock(times);
		CountDownLatch hung = new CountDownLatch(1);
		if (load.equals("isolation")) {
			faultsOfUserCode(builder, hung);
		}
		Heartbeat heartbeat = builder.build();
		try {
			heartbeat.start();
			times.done.await();
		}
		finally {
			hung.countDown();
			heartbeat.stop();
			timer.join();
			loaded = false;
			for (Thread loader : loaders) {
				loader.join();
			}
			BenchDirs.delete(directory);
		}
		// the schedule's origin is not observable: take the one the most punctual beat
		// implies, so
		// that lateness is a lower bound, never negative, and a beat on time counts as 0
		long origin = Long.MAX_VALUE;
		for (int i = 0; i < beats; i++) {
			origin = Math.min(origin, times.nanos[i] - i * period);
		}
		double[] lateness = new double[beats];
		for (int i = 0; i < beats; i++) {
			lateness[i] = (times.nanos[i] - (origin + i * period)) / 1e6;
		}
		String key = "sched." + load;
		System.out.printf("%s.beats=%d%n", key, beats);
		print(key + ".lateness", lateness);
		// drift: how much later the last beats are than the first (medians of ten, so
		// that one pause
		// at either end is not taken for it); a fixed delay would add each beat's
		// duration to it
		int ends = Math.max(1, Math.min(10, beats / 2));
		double drift = BeatRatio.median(Arrays.copyOfRange(lateness, beats - ends, beats))
				- BeatRatio.median(Arrays.copyOfRange(lateness, 0, ends));
		System.out.printf("%s.drift_ms=%.3f%n", key, drift);
		System.out.printf("%s.last_beat_ms=%.3f%n", key, lateness[beats - 1]);
		int worst = 0;
		for (int i = 1; i < beats; i++) {
			worst = (lateness[i] > lateness[worst]) ? i : worst;
		}
		// counted from 0, the beat that start() writes: a worst beat among the first
		// ones is the warm-up's
		System.out.printf("%s.worst_beat=%d%n", key, worst);
		double[] referenceLateness = new double[beats];
		for (int i = 0; i < beats; i++) {
			referenceLateness[i] = reference[i] / 1e6;
		}
		print(key + ".reference", referenceLateness);
		System.out.printf("%s.gc_pauses=%d%n", key, pauses.count());
		System.out.printf("%s.gc_pause_max_ms=%d%n", key, pauses.maxMillis());
	}

	private static void print(String key, double[] lateness) {
		System.out.printf("%s_p50_ms=%.3f%n", key, BeatRatio.median(lateness));
		System.out.printf("%s_p99_ms=%.3f%n", key, BeatRatio.quantile(lateness, 0.99));
		System.out.printf("%s_max_ms=%.3f%n", key, BeatRatio.quantile(lateness, 1.0));
	}

	/**
	 * The reference: a thread that only sleeps until deadlines one interval apart,
	 * starting half an interval from now, and notes how late it woke for each (in
	 * nanoseconds).
	 */
	private static void sleepUntilEachDeadline(long[] lateness, long period) {
		long first = System.nanoTime() + period / 2;
		for (int i = 0; i < lateness.length; i++) {
			long deadline = first + i * period;
			for (long now = System.nanoTime(); now < deadline; now = System.nanoTime()) {
				LockSupport.parkNanos(deadline - now);
			}
			lateness[i] = System.nanoTime() - deadline;
		}
	}

	private static List<Thread> startLoad(String load) {
		List<Thread> threads = new ArrayList<>();
		switch (load) {
			case "busy" -> {
				for (int i = 0; i < 2; i++) {
					threads.add(start("spin-" + i, () -> {
						long x = 0;
						while (loaded) {
							x += System.nanoTime() & 1;
						}
						sink = x;
					}));
				}
			}
			case "gc" -> threads.add(start("allocate", () -> {
				// about 200 MB kept alive, replaced at random: young and old collections
				// all the time
				Object[] kept = new Object[200_000];
				Random random = new Random(1);
				while (loaded) {
					kept[random.nextInt(kept.length)] = new byte[random.nextInt(2048)];
					sink = new long[random.nextInt(64)];
				}
			}));
			case "young" -> threads.add(start("allocate", () -> {
				// about 50 MB that lives as long as the service, and garbage made as fast
				// as one thread can
				Object[] kept = new Object[50_000];
				Random random = new Random(1);
				for (int i = 0; i < kept.length; i++) {
					kept[i] = new byte[1024];
				}
				sink = kept;
				while (loaded) {
					sink = new byte[random.nextInt(2048)];
					sink = new long[random.nextInt(64)];
				}
			}));
			case "idle", "isolation" -> {
			}
			default -> throw new IllegalArgumentException("unknown load " + load);
		}
		return threads;
	}

	/**
	 * The faults of {@code IsolationTests}, in real time: a check and a recovery that
	 * hang until released, and a listener that throws from every callback it gets.
	 */
	private static void faultsOfUserCode(HeartbeatBuilder builder, CountDownLatch hung) {
		builder.target("hungCheck", () -> {
			awaitQuietly(hung);
			return false;
		}).target("hungRecovery", new HeartbeatTarget() {
			@Override
			public boolean isDead() {
				return true;
			}

			@Override
			public void recover() {
				awaitQuietly(hung);
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
		});
	}

	private static void awaitQuietly(CountDownLatch latch) {
		try {
			latch.await();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private static Thread start(String name, Runnable work) {
		Thread thread = new Thread(work, name);
		thread.setDaemon(true);
		thread.start();
		return thread;
	}

	/**
	 * The collector's pauses while the figure is measured, from the JVM's own
	 * notifications.
	 */
	private static final class GcPauses implements NotificationListener {

		private final AtomicInteger count = new AtomicInteger();

		private final AtomicLong maxMillis = new AtomicLong();

		static GcPauses record() {
			GcPauses pauses = new GcPauses();
			for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
				((NotificationEmitter) collector).addNotificationListener(pauses, null, null);
			}
			return pauses;
		}

		@Override
		public void handleNotification(Notification notification, Object handback) {
			if (GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
				GarbageCollectionNotificationInfo info = GarbageCollectionNotificationInfo
					.from((CompositeData) notification.getUserData());
				this.count.incrementAndGet();
				this.maxMillis.accumulateAndGet(info.getGcInfo().getDuration(), Math::max);
			}
		}

		int count() {
			return this.count.get();
		}

		long maxMillis() {
			return this.maxMillis.get();
		}

	}

	/**
	 * A UTC clock that notes, for each beat, the monotonic time at which the heartbeat's
	 * thread first asked it for the time: a beat that finds a target's state changed (a
	 * hung check judged unresponsive) asks twice, microseconds apart.
	 */
	private static final class BeatTimes extends Clock {

		final long[] nanos;

		final CountDownLatch done = new CountDownLatch(1);

		private int count;

		BeatTimes(int beats) {
			this.nanos = new long[beats];
		}

		@Override
		public Instant instant() {
			long now = System.nanoTime();
			if (Heartbeat.THREAD_NAME.equals(Thread.currentThread().getName())) {
				synchronized (this) {
					boolean sameBeat = this.count > 0
							&& now - this.nanos[this.count - 1] < Duration.ofMillis(500).toNanos();
					if (!sameBeat && this.count < this.nanos.length) {
						this.nanos[this.count++] = now;
						if (this.count == this.nanos.length) {
							this.done.countDown();
						}
					}
				}
			}
			return Instant.now();
		}

		@Override
		public ZoneId getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(ZoneId zone) {
			throw new UnsupportedOperationException();
		}

	}

}
