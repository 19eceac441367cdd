package dev.heartbeat;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What target watches need while the heartbeat runs: where checks and recoveries run,
 * where to report, the clocks, and the count of escalated targets shared by all watches.
 *
 * @param executor where checks and recoveries run, off the beat thread
 * @param listener where to report
 * @param ticker the monotonic clock for backoff and timeouts
 * @param clock the wall clock for {@link TargetReport#lastChange()}
 * @param interval the heartbeat's interval, the initial backoff unless a policy sets one
 * @param timeout how long a check or a recovery may take before it is abandoned
 * @param escalated how many targets are escalated right now
 */
record TargetContext(Executor executor, HeartbeatListener listener, Ticker ticker, Clock clock, Duration interval,
		Duration timeout, AtomicInteger escalated) {

}
