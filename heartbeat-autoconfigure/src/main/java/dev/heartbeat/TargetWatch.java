package dev.heartbeat;

import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * One watched target: its checks, its status after the policy's thresholds, and its recovery with
 * backoff until it is alive again or its attempts run out. Used from one thread at a time, under
 * the heartbeat's beat lock.
 */
final class TargetWatch {

	private static final Log logger = LogFactory.getLog(Heartbeat.class);

	private final String name;

	private final HeartbeatTarget target;

	private final RecoveryPolicy policy;

	private volatile TargetStatus status = TargetStatus.ALIVE;

	private volatile int consecutiveDead;

	private int consecutiveAlive;

	private volatile int attempts;

	private long lastAttemptNanos;

	private boolean attemptPending;

	private @Nullable RecoveryOutcome settledAttempt;

	private volatile boolean escalated;

	private boolean exhausted;

	private volatile @Nullable Instant lastChange;

	private boolean recoveryFailing;

	TargetWatch(String name, HeartbeatTarget target, RecoveryPolicy policy) {
		this.name = name;
		this.target = target;
		this.policy = policy;
	}

	String name() {
		return this.name;
	}

	TargetStatus status() {
		return this.status;
	}

	boolean isEscalated() {
		return this.escalated;
	}

	TargetReport report() {
		return new TargetReport(this.name, this.status, this.policy.critical(), this.consecutiveDead, this.attempts,
				this.lastChange, this.escalated);
	}

	/**
	 * Ask the target whether it is dead (a check that throws counts as dead) and apply the policy's
	 * thresholds.
	 * @param now the wall-clock time of the check, for {@link TargetReport#lastChange()}
	 * @return what changed
	 */
	Transition check(Instant now) {
		Throwable cause = null;
		boolean dead;
		try {
			dead = this.target.isDead();
		}
		catch (Throwable ex) {
			dead = true;
			cause = ex;
		}
		if (this.attemptPending) {
			this.attemptPending = false;
			this.settledAttempt = dead ? RecoveryOutcome.FAILED : RecoveryOutcome.RECOVERED;
		}
		this.consecutiveDead = dead ? this.consecutiveDead + 1 : 0;
		this.consecutiveAlive = dead ? 0 : this.consecutiveAlive + 1;
		if (this.status == TargetStatus.ALIVE && this.consecutiveDead >= this.policy.failureThreshold()) {
			this.status = TargetStatus.DEAD;
			this.lastChange = now;
			this.attempts = 0;
			this.exhausted = false;
			logger.warn("Heartbeat target '" + this.name + "' is dead"
					+ ((cause != null) ? " (its check threw " + cause + ")" : "") + ", recovering it");
			return Transition.DIED;
		}
		if (this.status == TargetStatus.DEAD && this.consecutiveAlive >= this.policy.successThreshold()) {
			this.status = TargetStatus.ALIVE;
			this.lastChange = now;
			this.attempts = 0;
			this.recoveryFailing = false;
			logger.info("Heartbeat target '" + this.name + "' is alive again");
			return Transition.REVIVED;
		}
		return Transition.NONE;
	}

	/**
	 * Report what the last check found and, if the target is dead and an attempt is due, recover it.
	 * @param transition what the last check changed
	 * @param listener where to report
	 * @param nowNanos the monotonic time, for backoff
	 * @param interval the heartbeat's interval, the initial backoff unless the policy sets one
	 */
	void recoverIfDue(Transition transition, HeartbeatListener listener, long nowNanos, Duration interval) {
		if (this.settledAttempt != null) {
			listener.onRecoveryAttempt(this.name, this.target, this.settledAttempt);
			this.settledAttempt = null;
		}
		if (transition == Transition.REVIVED) {
			this.escalated = false;
			listener.onTargetRecovered(this.name, this.target);
			return;
		}
		if (this.status != TargetStatus.DEAD || this.consecutiveDead == 0 || this.exhausted) {
			return;
		}
		if (this.attempts > 0 && nowNanos - this.lastAttemptNanos < this.policy.backoffAfter(this.attempts, interval)
			.toNanos()) {
			return;
		}
		if (this.policy.maxAttempts() > 0 && this.attempts >= this.policy.maxAttempts()) {
			exhaust(listener);
			return;
		}
		this.attempts++;
		this.lastAttemptNanos = nowNanos;
		listener.onAlert("heartbeat", "Target is dead, triggering recovery", alertContext("attempt"));
		listener.onTargetDead(this.name, this.target);
		attempt(listener);
	}

	private void attempt(HeartbeatListener listener) {
		try {
			this.target.recover();
			this.attemptPending = true;
		}
		catch (Throwable ex) {
			logRecoveryFailure(ex);
			listener.onRecoveryAttempt(this.name, this.target, RecoveryOutcome.FAILED);
		}
	}

	private void exhaust(HeartbeatListener listener) {
		this.exhausted = true;
		if (!this.policy.critical()) {
			logger.warn("Heartbeat target '" + this.name + "' is still dead after " + this.attempts
					+ " recovery attempts; it is not critical, so the heartbeat only reports it");
			return;
		}
		this.escalated = true;
		logger.error("Heartbeat target '" + this.name + "' is still dead after " + this.attempts
				+ " recovery attempts; escalating");
		listener.onAlert("heartbeat", "Target is still dead after its recovery attempts, escalating",
				alertContext("attempts"));
		listener.onEscalated(this.name, this.target);
	}

	private Map<String, Object> alertContext(String attemptsKey) {
		Map<String, Object> context = new LinkedHashMap<>();
		context.put("target", this.name);
		context.put(attemptsKey, this.attempts);
		return Collections.unmodifiableMap(context);
	}

	private void logRecoveryFailure(Throwable ex) {
		String message = "Recovery of heartbeat target '" + this.name + "' failed";
		if (!this.recoveryFailing) {
			this.recoveryFailing = true;
			logger.warn(message, ex);
		}
		else if (logger.isDebugEnabled()) {
			logger.debug(message, ex);
		}
	}

	@Override
	public String toString() {
		return this.name + "=" + this.status;
	}

	/**
	 * What one check changed.
	 */
	enum Transition {

		/**
		 * Nothing: the target counts as it did.
		 */
		NONE,

		/**
		 * The target counts as dead from now on.
		 */
		DIED,

		/**
		 * The target counts as alive again.
		 */
		REVIVED

	}

}
