package dev.heartbeat;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What target watches need while the heartbeat runs: where checks and recoveries run,
 * where to report, the clocks, and the count of escalated targets shared by all watches.
 * <p>
 * One context serves one run of the heartbeat, from {@code start()} to {@code stop()},
 * which {@link #close() closes} it: a check or a recovery of a closed context that still
 * returns (interrupted by the stop, or run late by an executor of the user's) changes
 * nothing, and one that never ran does not keep the next run from checking.
 */
final class TargetContext {

	private final Executor executor;

	private final HeartbeatListener listener;

	private final Ticker ticker;

	private final Clock clock;

	private final Duration interval;

	private final Duration timeout;

	private final AtomicInteger escalated;

	private volatile boolean closed;

	/**
	 * Create an open context.
	 * @param executor where checks and recoveries run, off the beat thread
	 * @param listener where to report
	 * @param ticker the monotonic clock for backoff and timeouts
	 * @param clock the wall clock for {@link TargetReport#lastChange()}
	 * @param interval the heartbeat's interval, the initial backoff unless a policy sets
	 * one
	 * @param timeout how long a check or a recovery may take before it is abandoned
	 * @param escalated how many targets are escalated right now, shared by every run
	 */
	TargetContext(Executor executor, HeartbeatListener listener, Ticker ticker, Clock clock, Duration interval,
			Duration timeout, AtomicInteger escalated) {
		this.executor = executor;
		this.listener = listener;
		this.ticker = ticker;
		this.clock = clock;
		this.interval = interval;
		this.timeout = timeout;
		this.escalated = escalated;
	}

	Executor executor() {
		return this.executor;
	}

	HeartbeatListener listener() {
		return this.listener;
	}

	Ticker ticker() {
		return this.ticker;
	}

	Clock clock() {
		return this.clock;
	}

	Duration interval() {
		return this.interval;
	}

	Duration timeout() {
		return this.timeout;
	}

	AtomicInteger escalated() {
		return this.escalated;
	}

	/**
	 * End the run this context serves (on stop).
	 */
	void close() {
		this.closed = true;
	}

	/**
	 * Whether the run this context serves has ended.
	 * @return {@code true} once {@link #close()} was called
	 */
	boolean isClosed() {
		return this.closed;
	}

}
