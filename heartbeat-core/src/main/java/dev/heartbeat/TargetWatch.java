package dev.heartbeat;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * One watched target: its checks and recoveries, each run off the beat thread with a
 * timeout, its status after the policy's thresholds, and its recovery with backoff until
 * it is alive again or its attempts run out.
 * <p>
 * A check that does not answer within the timeout counts as a dead check
 * ("unresponsive"); a hung {@code recover()} is reported as
 * {@link RecoveryOutcome#TIMEOUT} and abandoned. Neither is ever run twice at once for
 * one target. Across a stop and a start, a check or a recovery that the stopped run's
 * workers dropped before it began never blocks the next run, and one that returns after
 * the stop changes nothing.
 */
final class TargetWatch {

	/**
	 * The most characters of a reason a beat writes: a deadlock among hundreds of threads
	 * must not take the state file past {@link HeartbeatState#MAX_FILE_SIZE}.
	 */
	static final int MAX_WRITTEN_REASON = 1000;

	private static final Log logger = LogFactory.getLog(Heartbeat.class);

	private final String name;

	private final HeartbeatTarget target;

	private final RecoveryPolicy policy;

	private TargetStatus status = TargetStatus.ALIVE;

	private boolean checked;

	private @Nullable String reason;

	private int consecutiveDead;

	private int consecutiveAlive;

	private int attempts;

	private long lastAttemptNanos;

	private boolean attemptPending;

	private boolean escalated;

	private boolean exhausted;

	private @Nullable Instant lastChange;

	private boolean recoveryFailing;

	// the check and the recovery in flight: at most one of each, of this run or of an
	// earlier one
	private @Nullable Task check;

	private @Nullable Task recovery;

	TargetWatch(String name, HeartbeatTarget target, RecoveryPolicy policy) {
		this.name = name;
		this.target = target;
		this.policy = policy;
	}

	String name() {
		return this.name;
	}

	HeartbeatTarget target() {
		return this.target;
	}

	/**
	 * The status to write, or {@code null} before the first check has answered: the
	 * heartbeat claims nothing it has not seen.
	 * @return the status, if known
	 */
	synchronized @Nullable TargetStatus writtenStatus() {
		return this.checked ? this.status : null;
	}

	/**
	 * Add what a beat writes of this target, once its first check has answered: its
	 * status and, while it counts as dead, why; both read at once, so that a beat never
	 * gives a reason for a status it does not write.
	 * @param statuses where the status goes
	 * @return the reason to write, cut to {@link #MAX_WRITTEN_REASON} characters, or
	 * {@code null} unless the target counts as dead and said why
	 */
	synchronized @Nullable String addWritten(Map<String, TargetStatus> statuses) {
		if (!this.checked) {
			return null;
		}
		statuses.put(this.name, this.status);
		return (this.status == TargetStatus.DEAD && this.reason != null) ? shortened(this.reason) : null;
	}

	private static String shortened(String reason) {
		if (reason.length() <= MAX_WRITTEN_REASON) {
			return reason;
		}
		int end = MAX_WRITTEN_REASON - 1;
		// never half of a surrogate pair
		if (Character.isHighSurrogate(reason.charAt(end - 1))) {
			end--;
		}
		return reason.substring(0, end) + "\u2026";
	}

	synchronized TargetStatus status() {
		return this.status;
	}

	synchronized boolean isEscalated() {
		return this.escalated;
	}

	synchronized TargetReport report() {
		return new TargetReport(this.name, this.status, this.policy.critical(), this.consecutiveDead, this.attempts,
				this.lastChange, this.escalated, this.reason);
	}

	/**
	 * On each beat: start a check unless one is still running, and report a check or a
	 * recovery that has run past its timeout.
	 * @param context the running heartbeat's context
	 */
	void beat(TargetContext context) {
		long now = context.ticker().nanoTime();
		Task started = null;
		boolean unresponsive = false;
		boolean recoveryTimedOut = false;
		synchronized (this) {
			forgetNeverRun(context);
			Task running = this.recovery;
			if (running != null && !running.overdue && now - running.startedNanos >= context.timeout().toNanos()) {
				running.overdue = true;
				recoveryTimedOut = true;
			}
			if (this.check == null) {
				started = new Task(context, now);
				this.check = started;
			}
			else if (now - this.check.startedNanos >= context.timeout().toNanos()) {
				// every beat that finds the check still hanging counts as one more dead
				// check
				unresponsive = true;
			}
		}
		if (recoveryTimedOut) {
			logger.warn("Recovery of heartbeat target '" + this.name + "' did not return within " + context.timeout()
					+ "; abandoned, and no other attempt starts until it returns");
			context.listener().onRecoveryAttempt(this.name, this.target, RecoveryOutcome.TIMEOUT);
		}
		if (unresponsive) {
			completeCheck(true, "unresponsive: its check did not answer within " + context.timeout(), context);
		}
		if (started != null) {
			run(started, this::check);
		}
	}

	// called under this watch's lock: a task of an earlier run that never started was
	// dropped by the pool that stopped with that run, and must not block this one
	private void forgetNeverRun(TargetContext context) {
		if (this.check != null && this.check.context != context && !this.check.running) {
			this.check = null;
		}
		if (this.recovery != null && this.recovery.context != context && !this.recovery.running) {
			this.recovery = null;
		}
	}

	// called under this watch's lock
	private void forget(Task task) {
		if (this.check == task) {
			this.check = null;
		}
		if (this.recovery == task) {
			this.recovery = null;
		}
	}

	private void check(Task task) {
		synchronized (this) {
			if (this.check != task || task.context.isClosed()) {
				// forgotten, or of a run that has stopped: this check is no longer wanted
				forget(task);
				return;
			}
			task.running = true;
		}
		boolean dead;
		String cause = null;
		try {
			dead = this.target.isDead();
			if (dead) {
				cause = this.target.reason();
			}
		}
		catch (Throwable ex) {
			dead = true;
			cause = "its check threw " + ex;
		}
		synchronized (this) {
			forget(task);
			if (task.context.isClosed()) {
				// the heartbeat stopped while it ran (and may have interrupted it): its
				// answer is of no run
				return;
			}
		}
		completeCheck(dead, cause, task.context);
	}

	private void completeCheck(boolean dead, @Nullable String cause, TargetContext context) {
		RecoveryOutcome settled = null;
		Transition transition = Transition.NONE;
		Action action;
		Task attempt;
		synchronized (this) {
			this.checked = true;
			if (this.attemptPending) {
				this.attemptPending = false;
				settled = dead ? RecoveryOutcome.FAILED : RecoveryOutcome.RECOVERED;
			}
			this.consecutiveDead = dead ? this.consecutiveDead + 1 : 0;
			this.consecutiveAlive = dead ? 0 : this.consecutiveAlive + 1;
			this.reason = dead ? cause : null;
			if (this.status == TargetStatus.ALIVE && this.consecutiveDead >= this.policy.failureThreshold()) {
				transition = Transition.DIED;
				this.status = TargetStatus.DEAD;
				this.lastChange = context.clock().instant();
				this.attempts = 0;
				this.exhausted = false;
			}
			else if (this.status == TargetStatus.DEAD && this.consecutiveAlive >= this.policy.successThreshold()) {
				transition = this.escalated ? Transition.REVIVED_FROM_ESCALATION : Transition.REVIVED;
				this.status = TargetStatus.ALIVE;
				this.lastChange = context.clock().instant();
				this.attempts = 0;
				this.escalated = false;
				this.recoveryFailing = false;
			}
			action = nextAction(dead, context);
			attempt = this.recovery;
		}
		report(transition, settled, cause, context);
		if (action == Action.ATTEMPT && attempt != null) {
			attempt(attempt);
		}
		else if (action == Action.EXHAUST) {
			exhaust(context);
		}
	}

	// called under this watch's lock
	private Action nextAction(boolean dead, TargetContext context) {
		if (this.status != TargetStatus.DEAD || !dead || this.exhausted || this.recovery != null) {
			return Action.NONE;
		}
		long now = context.ticker().nanoTime();
		if (this.attempts > 0 && now
				- this.lastAttemptNanos < this.policy.backoffAfter(this.attempts, context.interval()).toNanos()) {
			return Action.NONE;
		}
		if (this.policy.escalateAtOnce()
				|| (this.policy.maxAttempts() > 0 && this.attempts >= this.policy.maxAttempts())) {
			this.exhausted = true;
			this.escalated = this.policy.critical();
			return Action.EXHAUST;
		}
		this.attempts++;
		this.lastAttemptNanos = now;
		this.recovery = new Task(context, now);
		return Action.ATTEMPT;
	}

	private void report(Transition transition, @Nullable RecoveryOutcome settled, @Nullable String cause,
			TargetContext context) {
		if (settled != null) {
			context.listener().onRecoveryAttempt(this.name, this.target, settled);
		}
		if (transition == Transition.DIED) {
			logger.warn("Heartbeat target '" + this.name + "' is dead" + ((cause != null) ? " (" + cause + ")" : "")
					+ ", recovering it");
		}
		else if (transition == Transition.REVIVED || transition == Transition.REVIVED_FROM_ESCALATION) {
			logger.info("Heartbeat target '" + this.name + "' is alive again");
			context.listener().onTargetRecovered(this.name, this.target);
			if (transition == Transition.REVIVED_FROM_ESCALATION && context.escalated().decrementAndGet() == 0) {
				logger.info("Heartbeat escalation cleared: every escalated target is alive again");
				context.listener().onEscalationCleared();
			}
		}
	}

	private void attempt(Task task) {
		int attempt;
		synchronized (this) {
			attempt = this.attempts;
		}
		TargetContext context = task.context;
		context.listener()
			.onAlert("heartbeat", "Target is dead, triggering recovery", alertContext("attempt", attempt));
		context.listener().onTargetDead(this.name, this.target);
		run(task, this::recover);
	}

	private void recover(Task task) {
		synchronized (this) {
			if (this.recovery != task || task.context.isClosed()) {
				forget(task);
				return;
			}
			task.running = true;
		}
		Throwable failure = null;
		try {
			this.target.recover();
		}
		catch (Throwable ex) {
			failure = ex;
		}
		boolean overdue;
		boolean closed;
		synchronized (this) {
			forget(task);
			overdue = task.overdue;
			closed = task.context.isClosed();
			this.attemptPending = (failure == null) && !overdue && !closed;
		}
		if (closed) {
			// the heartbeat stopped while it ran (and may have interrupted it): no run
			// to report it to
			return;
		}
		if (failure != null) {
			logRecoveryFailure(failure);
			if (!overdue) {
				task.context.listener().onRecoveryAttempt(this.name, this.target, RecoveryOutcome.FAILED);
			}
		}
	}

	private void exhaust(TargetContext context) {
		int attempts;
		synchronized (this) {
			attempts = this.attempts;
		}
		if (!this.policy.critical()) {
			logger.warn("Heartbeat target '" + this.name + "' is still dead after " + attempts
					+ " recovery attempts; it is not critical, so the heartbeat only reports it");
			return;
		}
		context.escalated().incrementAndGet();
		logger.error("Heartbeat target '" + this.name + "' is " + (this.policy.escalateAtOnce()
				? "dead and its policy escalates at once" : "still dead after " + attempts + " recovery attempts")
				+ "; escalating");
		context.listener()
			.onAlert("heartbeat", "Target is still dead after its recovery attempts, escalating",
					alertContext("attempts", attempts));
		context.listener().onEscalated(this.name, this.target);
	}

	private void run(Task task, Consumer<Task> work) {
		try {
			task.context.executor().execute(() -> work.accept(task));
		}
		catch (RejectedExecutionException ex) {
			// the heartbeat is stopping
			synchronized (this) {
				forget(task);
			}
		}
	}

	private Map<String, Object> alertContext(String attemptsKey, int attempts) {
		Map<String, Object> context = new LinkedHashMap<>();
		context.put("target", this.name);
		context.put(attemptsKey, attempts);
		return Collections.unmodifiableMap(context);
	}

	private void logRecoveryFailure(Throwable ex) {
		String message = "Recovery of heartbeat target '" + this.name + "' failed";
		boolean first;
		synchronized (this) {
			first = !this.recoveryFailing;
			this.recoveryFailing = true;
		}
		if (first) {
			logger.warn(message, ex);
		}
		else if (logger.isDebugEnabled()) {
			logger.debug(message, ex);
		}
	}

	@Override
	public String toString() {
		return this.name;
	}

	/**
	 * A check or a recovery handed to the executor, guarded by the watch's lock.
	 */
	private static final class Task {

		private final TargetContext context;

		private final long startedNanos;

		// set when a worker begins it: one that never began may have been dropped
		private boolean running;

		private boolean overdue;

		Task(TargetContext context, long startedNanos) {
			this.context = context;
			this.startedNanos = startedNanos;
		}

	}

	private enum Transition {

		NONE, DIED, REVIVED, REVIVED_FROM_ESCALATION

	}

	private enum Action {

		NONE, ATTEMPT, EXHAUST

	}

}
