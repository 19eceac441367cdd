package dev.heartbeat;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * When beats run: the single-thread executor that runs them at a fixed rate on the beat
 * thread, named {@value Heartbeat#THREAD_NAME}; the wait for the first beat; and the
 * detection of a pause, after which one beat reports the gap and the runs the executor
 * missed are skipped.
 * <p>
 * The heartbeat's lifecycle {@link #start starts} and {@link #cancel cancels} the
 * schedule under its lifecycle monitor, then waits outside it. The executor runs the
 * heartbeat's beat itself, with no wrapper in between; the beat asks {@link #isDue()}
 * first and calls {@link #attempted()} last, on the beat thread (or on the thread of a
 * test that ticks by hand).
 */
final class BeatSchedule {

	private static final Log logger = LogFactory.getLog(Heartbeat.class);

	private final Duration interval;

	private final Ticker ticker;

	private final HeartbeatListener listeners;

	// guarded by the heartbeat's lifecycle monitor
	private @Nullable ScheduledThreadPoolExecutor executor;

	private @Nullable CountDownLatch firstBeat;

	private volatile @Nullable Thread beatThread;

	// the beat thread reads and writes them; start() resets them before the first beat
	private boolean ticked;

	private long lastTickNanos;

	// when the next beat is due on the fixed-rate grid, and how late the last one started
	private long nextDueNanos;

	private long lateNanos;

	/**
	 * Create a schedule that is not started.
	 * @param interval the time between two beats
	 * @param ticker the monotonic clock that measures the gap between two beats
	 * @param listeners where a pause is reported, as a missed beat
	 */
	BeatSchedule(Duration interval, Ticker ticker, HeartbeatListener listeners) {
		this.interval = interval;
		this.ticker = ticker;
		this.listeners = listeners;
	}

	/**
	 * Run the given beat now, then every interval, on a new beat thread. Called under the
	 * heartbeat's lifecycle monitor.
	 * @param beat the beat, which calls {@link #isDue()} first and {@link #attempted()}
	 * last
	 * @return the latch that the first beat counts down, for {@link #awaitFirstBeat}
	 */
	CountDownLatch start(Runnable beat) {
		CountDownLatch started = new CountDownLatch(1);
		this.firstBeat = started;
		this.executor = newExecutor();
		this.ticked = false;
		this.nextDueNanos = this.ticker.nanoTime();
		this.lateNanos = 0;
		// fixed rate: each beat is due at start + n * interval, whatever the previous one
		// took
		this.executor.scheduleAtFixedRate(beat, 0, this.interval.toNanos(), TimeUnit.NANOSECONDS);
		return started;
	}

	/**
	 * Wait until the first beat was attempted, but no longer than one interval or
	 * {@link Heartbeat#FIRST_BEAT_TIMEOUT}, whichever is shorter.
	 * @param started the latch {@link #start} returned
	 */
	void awaitFirstBeat(CountDownLatch started) {
		long wait = Math.min(this.interval.toNanos(), Heartbeat.FIRST_BEAT_TIMEOUT.toNanos());
		try {
			if (!started.await(wait, TimeUnit.NANOSECONDS)) {
				logger.warn("Heartbeat's first beat was not written within " + Duration.ofNanos(wait)
						+ " of start; the application goes on, and so does the heartbeat");
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/**
	 * Stop scheduling beats, under the heartbeat's lifecycle monitor, so that a start
	 * that follows gets an executor of its own.
	 * @return the executor to {@link #awaitStopped}, or {@code null} if none was started
	 */
	@Nullable ScheduledThreadPoolExecutor cancel() {
		ScheduledThreadPoolExecutor cancelled = this.executor;
		this.executor = null;
		return cancelled;
	}

	/**
	 * Shut the cancelled executor down and let a beat in progress finish, interrupting it
	 * after {@link Heartbeat#STOP_TIMEOUT}; outside the lifecycle monitor.
	 * @param stopping the executor {@link #cancel()} returned
	 */
	void awaitStopped(ScheduledThreadPoolExecutor stopping) {
		stopping.shutdown();
		if (Thread.currentThread() == this.beatThread) {
			// stopped from a listener: the beat in progress is this thread's own
			return;
		}
		try {
			if (!stopping.awaitTermination(Heartbeat.STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
				logger.warn(
						"Heartbeat beat did not finish within " + Heartbeat.STOP_TIMEOUT + " of stop; interrupting it");
				stopping.shutdownNow();
			}
		}
		catch (InterruptedException ex) {
			stopping.shutdownNow();
			Thread.currentThread().interrupt();
		}
	}

	/**
	 * At the start of each beat, on the beat thread: whether this run is a beat rather
	 * than one that only catches up with runs a pause made the executor miss. After a
	 * pause, one beat reports the gap and the ones it missed are not written in a burst.
	 * @return {@code true} if the beat is to run
	 */
	boolean isDue() {
		this.beatThread = Thread.currentThread();
		long now = this.ticker.nanoTime();
		long period = this.interval.toNanos();
		if (this.ticked) {
			long gap = now - this.lastTickNanos;
			if (gap < period / 2) {
				if (now >= this.nextDueNanos) {
					// a run on the grid that follows a late beat too closely uses up its
					// slot
					this.nextDueNanos = nextDueAfter(now, period);
				}
				return false;
			}
			if (gap > period + period / 2) {
				HeartbeatException paused = new HeartbeatException("The heartbeat was paused: " + Duration.ofNanos(gap)
						+ " passed between two beats due " + this.interval + " apart (a stop-the-world pause, "
						+ "a suspended process or an overloaded machine)");
				logger.warn(paused.getMessage());
				this.listeners.onMissedBeat(paused);
			}
		}
		this.ticked = true;
		this.lastTickNanos = now;
		this.lateNanos = Math.max(0, now - this.nextDueNanos);
		this.nextDueNanos = nextDueAfter(now, period);
		return true;
	}

	// the next due time on the grid after now: runs that a pause made the executor miss
	// are not due any more
	private long nextDueAfter(long now, long period) {
		long behind = now - this.nextDueNanos;
		return this.nextDueNanos + ((behind >= 0) ? period * (behind / period + 1) : period);
	}

	/**
	 * How late the beat that {@link #isDue()} let run started against the fixed-rate
	 * schedule (from the due time of the earliest run it stands for); on the beat thread.
	 * @return the lateness, to the millisecond
	 */
	Duration lateBy() {
		long millis = this.lateNanos / 1_000_000;
		return (millis != 0) ? Duration.ofMillis(millis) : Duration.ZERO;
	}

	/**
	 * At the end of each beat, on the beat thread, whatever happened: lets
	 * {@code start()} return.
	 */
	void attempted() {
		CountDownLatch started = this.firstBeat;
		if (started != null) {
			started.countDown();
		}
	}

	private ScheduledThreadPoolExecutor newExecutor() {
		ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, (runnable) -> {
			Thread thread = new Thread(runnable, Heartbeat.THREAD_NAME);
			thread.setDaemon(true);
			return thread;
		});
		executor.setRemoveOnCancelPolicy(true);
		return executor;
	}

}
