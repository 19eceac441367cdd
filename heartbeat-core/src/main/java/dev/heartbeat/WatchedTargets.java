package dev.heartbeat;

import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;

/**
 * The heartbeat's targets and their escalation: one {@link TargetWatch} per target, the
 * context their checks and recoveries run in, the statuses each beat writes, the reports,
 * and the count of escalated targets.
 * <p>
 * The beat thread starts the checks ({@link #beat()}); worker threads run the checks and
 * recoveries, which update each watch under the watch's own lock and the escalated count
 * atomically; the thread that writes a beat reads the written statuses, and callers read
 * the reports and {@link #isEscalated()}, from any thread. The lifecycle opens the
 * context on start and closes it on stop. Targets added after the heartbeat was built
 * ({@link #add}, such as {@link Progress} targets) are watched from the next beat on.
 */
final class WatchedTargets {

	// written rarely (a progress target added), read on every beat
	private final List<TargetWatch> watches;

	private final Function<String, RecoveryPolicy> policies;

	private final ListenerDispatcher listeners;

	private final @Nullable Executor callbackExecutor;

	private final Ticker ticker;

	private final Clock clock;

	private final Duration interval;

	private final Duration timeout;

	private final AtomicInteger escalatedCount = new AtomicInteger();

	private volatile @Nullable TargetContext context;

	/**
	 * Watch the given targets.
	 * @param watches one watch per target, in the order the targets were given
	 * @param policies the policy of a target added later, by its name
	 * @param listeners where the watches report
	 * @param callbackExecutor where checks run when the heartbeat ticks without having
	 * started, or {@code null} to run them on the ticking thread
	 * @param ticker the monotonic clock for backoff and timeouts
	 * @param clock the wall clock for the time of a change
	 * @param interval the heartbeat's interval
	 * @param timeout how long a check or a recovery may take
	 */
	WatchedTargets(List<TargetWatch> watches, Function<String, RecoveryPolicy> policies, ListenerDispatcher listeners,
			@Nullable Executor callbackExecutor, Ticker ticker, Clock clock, Duration interval, Duration timeout) {
		this.watches = new CopyOnWriteArrayList<>(watches);
		this.policies = policies;
		this.listeners = listeners;
		this.callbackExecutor = callbackExecutor;
		this.ticker = ticker;
		this.clock = clock;
		this.interval = interval;
		this.timeout = timeout;
	}

	/**
	 * Watch one more target, from the next beat on.
	 * @param name the name to report it under
	 * @param target the target
	 * @throws DuplicateTargetNameException if another target has that name
	 */
	synchronized void add(String name, HeartbeatTarget target) {
		for (TargetWatch watch : this.watches) {
			if (watch.name().equals(name)) {
				throw new DuplicateTargetNameException(name, watch.target(), target);
			}
		}
		this.watches.add(new TargetWatch(name, target, this.policies.apply(name)));
	}

	/**
	 * The monotonic clock of the heartbeat.
	 * @return the ticker
	 */
	Ticker ticker() {
		return this.ticker;
	}

	/**
	 * Run checks and recoveries on the given executor from now on (on start).
	 * @param callbacks where checks and recoveries run
	 */
	void open(Executor callbacks) {
		this.context = newContext(callbacks);
	}

	/**
	 * End the run that stops (on stop): its checks and recoveries that still return
	 * change nothing, and the next run gets a context of its own.
	 */
	void close() {
		TargetContext closing = this.context;
		this.context = null;
		if (closing != null) {
			closing.close();
		}
	}

	/**
	 * On each beat, on the beat thread: start each target's check, unless one is still
	 * running.
	 */
	void beat() {
		TargetContext context = context();
		// checks start before the write: a quick one is in this beat, a slow one never
		// delays it
		this.watches.forEach((watch) -> watch.beat(context));
	}

	/**
	 * What a beat writes of the targets, read on every beat: without targets, no map is
	 * allocated.
	 * @return the written statuses and reasons, frozen
	 */
	Written writtenFrozen() {
		if (this.watches.isEmpty()) {
			return Written.NONE;
		}
		LinkedHashMap<String, TargetStatus> statuses = new LinkedHashMap<>();
		// made only when a dead target says why, which is rare
		LinkedHashMap<String, String> reasons = null;
		for (TargetWatch watch : this.watches) {
			String reason = watch.addWritten(statuses);
			if (reason != null) {
				reasons = (reasons != null) ? reasons : new LinkedHashMap<>();
				reasons.put(watch.name(), reason);
			}
		}
		return new Written(FrozenMap.adopt(statuses), (reasons != null) ? FrozenMap.adopt(reasons) : FrozenMap.empty());
	}

	/**
	 * The status of each target whose first check has answered.
	 * @return target statuses by name, in the order the targets were given
	 */
	LinkedHashMap<String, TargetStatus> written() {
		LinkedHashMap<String, TargetStatus> statuses = new LinkedHashMap<>();
		for (TargetWatch watch : this.watches) {
			TargetStatus written = watch.writtenStatus();
			if (written != null) {
				statuses.put(watch.name(), written);
			}
		}
		return statuses;
	}

	/**
	 * What is known of each target.
	 * @return a report for each target, in the order the targets were given
	 */
	List<TargetReport> reports() {
		return this.watches.stream().map(TargetWatch::report).toList();
	}

	/**
	 * Whether a critical target ran out of recovery attempts and is still dead.
	 * @return {@code true} while any target is escalated
	 */
	boolean isEscalated() {
		// asked by every health check: a loop, not a stream
		for (TargetWatch watch : this.watches) {
			if (watch.isEscalated()) {
				return true;
			}
		}
		return false;
	}

	@Override
	public String toString() {
		return this.watches.toString();
	}

	private TargetContext context() {
		TargetContext context = this.context;
		if (context == null) {
			// ticked without start(), as tests do: checks and callbacks run where the
			// builder said
			Executor callbacks = (this.callbackExecutor != null) ? this.callbackExecutor : Runnable::run;
			this.listeners.deliverOn(callbacks);
			context = newContext(callbacks);
			this.context = context;
		}
		return context;
	}

	private TargetContext newContext(Executor callbacks) {
		return new TargetContext(callbacks, this.listeners, this.ticker, this.clock, this.interval, this.timeout,
				this.escalatedCount);
	}

	/**
	 * What a beat writes of the targets, each target's status and reason read together.
	 *
	 * @param statuses the status of each target whose first check has answered
	 * @param reasons why each of those that is dead is dead, for those that said, each at
	 * most {@link TargetWatch#MAX_WRITTEN_REASON} characters
	 */
	record Written(Map<String, TargetStatus> statuses, Map<String, String> reasons) {

		static final Written NONE = new Written(FrozenMap.empty(), FrozenMap.empty());

	}

}
