package dev.heartbeat;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * How a dead {@link HeartbeatTarget} is recovered: exponential backoff between
 * {@link HeartbeatTarget#recover()} attempts, a limit on attempts after which the
 * heartbeat escalates, and thresholds of consecutive checks before a target counts as
 * dead or alive again.
 *
 * @param initialBackoff the time between the first and second attempts, or {@code null}
 * for one interval
 * @param multiplier what each backoff is multiplied by to give the next
 * @param maxBackoff the longest time between two attempts
 * @param maxAttempts how many attempts before escalating; {@code 0} for no limit
 * @param failureThreshold how many consecutive dead checks make a target count as dead
 * @param successThreshold how many consecutive alive checks make a dead target count as
 * alive
 * @param critical whether running out of attempts escalates (a non-critical target is
 * only reported)
 * @param escalateAtOnce whether a dead target escalates at once, with no recovery
 * attempt: for a failure that never resolves itself, such as a deadlock (the backoff and
 * {@code maxAttempts} then do not apply)
 * @since 0.1.0
 */
public record RecoveryPolicy(@Nullable Duration initialBackoff, double multiplier, Duration maxBackoff, int maxAttempts,
		int failureThreshold, int successThreshold, boolean critical, boolean escalateAtOnce) {

	/**
	 * The default policy: one interval, doubled up to 5 minutes, 10 attempts, thresholds
	 * of one, critical.
	 */
	public static final RecoveryPolicy DEFAULT = new RecoveryPolicy(null, 2.0, Duration.ofMinutes(5), 10, 1, 1, true);

	/**
	 * A policy that recovers before it escalates.
	 * @param initialBackoff the time between the first and second attempts
	 * @param multiplier the backoff multiplier, at least 1
	 * @param maxBackoff the longest time between two attempts
	 * @param maxAttempts the attempts before escalating, {@code 0} for no limit
	 * @param failureThreshold at least 1
	 * @param successThreshold at least 1
	 * @param critical whether to escalate
	 */
	public RecoveryPolicy(@Nullable Duration initialBackoff, double multiplier, Duration maxBackoff, int maxAttempts,
			int failureThreshold, int successThreshold, boolean critical) {
		this(initialBackoff, multiplier, maxBackoff, maxAttempts, failureThreshold, successThreshold, critical, false);
	}

	/**
	 * Validate a policy.
	 * @param initialBackoff the time between the first and second attempts
	 * @param multiplier the backoff multiplier, at least 1
	 * @param maxBackoff the longest time between two attempts
	 * @param maxAttempts the attempts before escalating, {@code 0} for no limit
	 * @param failureThreshold at least 1
	 * @param successThreshold at least 1
	 * @param critical whether to escalate
	 * @param escalateAtOnce whether a dead target escalates with no recovery attempt
	 */
	public RecoveryPolicy {
		if (initialBackoff != null && (initialBackoff.isNegative() || initialBackoff.isZero())) {
			throw new IllegalArgumentException("initialBackoff must be positive, not " + initialBackoff);
		}
		if (multiplier < 1.0 || !Double.isFinite(multiplier)) {
			throw new IllegalArgumentException("multiplier must be at least 1, not " + multiplier);
		}
		if (maxBackoff.isNegative() || maxBackoff.isZero()) {
			throw new IllegalArgumentException("maxBackoff must be positive, not " + maxBackoff);
		}
		if (maxAttempts < 0) {
			throw new IllegalArgumentException("maxAttempts must be 0 (no limit) or more, not " + maxAttempts);
		}
		if (failureThreshold < 1 || successThreshold < 1) {
			throw new IllegalArgumentException(
					"thresholds must be at least 1, not " + failureThreshold + " and " + successThreshold);
		}
	}

	/**
	 * The time to wait after an attempt before the next one.
	 * @param attempts the attempts made so far (at least 1)
	 * @param interval the heartbeat's interval, the initial backoff unless one is set
	 * @return {@code initialBackoff * multiplier^(attempts - 1)}, at most
	 * {@code maxBackoff}
	 */
	public Duration backoffAfter(int attempts, Duration interval) {
		Duration initial = (this.initialBackoff != null) ? this.initialBackoff : interval;
		double nanos = initial.toNanos() * Math.pow(this.multiplier, Math.max(0, attempts - 1));
		return (nanos >= this.maxBackoff.toNanos()) ? this.maxBackoff : Duration.ofNanos((long) nanos);
	}

	/**
	 * A copy of this policy with another criticality.
	 * @param critical whether running out of attempts escalates
	 * @return the copy
	 */
	public RecoveryPolicy withCritical(boolean critical) {
		return new RecoveryPolicy(this.initialBackoff, this.multiplier, this.maxBackoff, this.maxAttempts,
				this.failureThreshold, this.successThreshold, critical, this.escalateAtOnce);
	}

	/**
	 * A copy of this policy that escalates a dead target at once, or that recovers it
	 * first.
	 * @param escalateAtOnce whether a dead target escalates with no recovery attempt
	 * @return the copy
	 */
	public RecoveryPolicy withEscalateAtOnce(boolean escalateAtOnce) {
		return new RecoveryPolicy(this.initialBackoff, this.multiplier, this.maxBackoff, this.maxAttempts,
				this.failureThreshold, this.successThreshold, this.critical, escalateAtOnce);
	}

}
