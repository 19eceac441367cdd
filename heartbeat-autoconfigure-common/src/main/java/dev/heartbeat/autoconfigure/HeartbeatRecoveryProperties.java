package dev.heartbeat.autoconfigure;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.heartbeat.RecoveryPolicy;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.convert.DurationUnit;
import org.springframework.validation.Errors;
import org.springframework.validation.Validator;

/**
 * Configuration properties of the recovery of dead targets: the defaults, and overrides
 * by target. Like {@link HeartbeatProperties}, they validate themselves.
 *
 * @since 0.1.0
 */
@ConfigurationProperties("heartbeat.recovery")
public class HeartbeatRecoveryProperties implements Validator {

	private static final String PREFIX = "heartbeat.recovery";

	/**
	 * Time between the first and second recovery attempts of a dead target. Defaults to
	 * one interval. If a duration suffix is not specified, seconds will be used.
	 */
	@DurationUnit(ChronoUnit.SECONDS)
	private @Nullable Duration initialBackoff;

	/**
	 * Factor each backoff is multiplied by to give the next.
	 */
	private double multiplier = 2.0;

	/**
	 * Longest time between two recovery attempts. If a duration suffix is not specified,
	 * seconds will be used.
	 */
	@DurationUnit(ChronoUnit.SECONDS)
	private Duration maxBackoff = Duration.ofMinutes(5);

	/**
	 * Recovery attempts after which a critical target that is still dead escalates; 0 for
	 * no limit.
	 */
	private int maxAttempts = 10;

	/**
	 * Consecutive dead checks after which a target counts as dead.
	 */
	private int failureThreshold = 1;

	/**
	 * Consecutive alive checks after which a dead target counts as alive again.
	 */
	private int successThreshold = 1;

	/**
	 * Per-target overrides of the recovery settings, by target name (the bean name).
	 */
	private Map<String, TargetRecovery> targets = new LinkedHashMap<>();

	public @Nullable Duration getInitialBackoff() {
		return this.initialBackoff;
	}

	public void setInitialBackoff(@Nullable Duration initialBackoff) {
		this.initialBackoff = initialBackoff;
	}

	public double getMultiplier() {
		return this.multiplier;
	}

	public void setMultiplier(double multiplier) {
		this.multiplier = multiplier;
	}

	public Duration getMaxBackoff() {
		return this.maxBackoff;
	}

	public void setMaxBackoff(Duration maxBackoff) {
		this.maxBackoff = maxBackoff;
	}

	public int getMaxAttempts() {
		return this.maxAttempts;
	}

	public void setMaxAttempts(int maxAttempts) {
		this.maxAttempts = maxAttempts;
	}

	public int getFailureThreshold() {
		return this.failureThreshold;
	}

	public void setFailureThreshold(int failureThreshold) {
		this.failureThreshold = failureThreshold;
	}

	public int getSuccessThreshold() {
		return this.successThreshold;
	}

	public void setSuccessThreshold(int successThreshold) {
		this.successThreshold = successThreshold;
	}

	public Map<String, TargetRecovery> getTargets() {
		return this.targets;
	}

	public void setTargets(Map<String, TargetRecovery> targets) {
		this.targets = targets;
	}

	/**
	 * The policy of targets without overrides.
	 * @return the default policy
	 */
	public RecoveryPolicy toPolicy() {
		return new RecoveryPolicy(this.initialBackoff, this.multiplier, this.maxBackoff, this.maxAttempts,
				this.failureThreshold, this.successThreshold, true);
	}

	/**
	 * The policy of one target, its overrides applied to the defaults.
	 * @param target the target's overrides
	 * @return the target's policy
	 */
	public RecoveryPolicy toPolicy(TargetRecovery target) {
		return toPolicy(target, false);
	}

	/**
	 * The policy of one target, its overrides applied to the defaults.
	 * @param target the target's overrides
	 * @param escalateAtOnce whether the target escalates at once unless its overrides say
	 * otherwise (setting {@code escalate-at-once} or {@code max-attempts} does)
	 * @return the target's policy
	 */
	public RecoveryPolicy toPolicy(TargetRecovery target, boolean escalateAtOnce) {
		boolean atOnce = (target.escalateAtOnce != null) ? target.escalateAtOnce
				: escalateAtOnce && target.maxAttempts == null;
		return new RecoveryPolicy((target.initialBackoff != null) ? target.initialBackoff : this.initialBackoff,
				or(target.multiplier, this.multiplier), or(target.maxBackoff, this.maxBackoff),
				or(target.maxAttempts, this.maxAttempts), or(target.failureThreshold, this.failureThreshold),
				or(target.successThreshold, this.successThreshold), target.critical, atOnce);
	}

	@Override
	public boolean supports(Class<?> type) {
		return HeartbeatRecoveryProperties.class.isAssignableFrom(type);
	}

	@Override
	public void validate(Object target, Errors errors) {
		HeartbeatRecoveryProperties properties = (HeartbeatRecoveryProperties) target;
		validate(PREFIX, properties.initialBackoff, properties.multiplier, properties.maxBackoff,
				properties.maxAttempts, properties.failureThreshold, properties.successThreshold, errors);
		properties.targets.forEach((name, overrides) -> {
			// the errors name map entries as the binder does:
			// heartbeat.recovery.targets[feed].multiplier
			errors.pushNestedPath("targets[" + name + "]");
			validate(PREFIX + ".targets." + name, overrides.initialBackoff, overrides.multiplier, overrides.maxBackoff,
					overrides.maxAttempts, overrides.failureThreshold, overrides.successThreshold, errors);
			errors.popNestedPath();
		});
	}

	private static void validate(String prefix, @Nullable Duration initialBackoff, @Nullable Double multiplier,
			@Nullable Duration maxBackoff, @Nullable Integer maxAttempts, @Nullable Integer failureThreshold,
			@Nullable Integer successThreshold, Errors errors) {
		if (initialBackoff != null && !isPositive(initialBackoff)) {
			errors.rejectValue("initialBackoff", "positive", "It must be positive. Set " + prefix
					+ ".initial-backoff to a duration such as 10s, or remove it to use one interval.");
		}
		if (multiplier != null && !(multiplier >= 1.0 && Double.isFinite(multiplier))) {
			errors.rejectValue("multiplier", "atLeastOne", "It must be at least 1. Set " + prefix
					+ ".multiplier to 1 (a constant backoff) or more, such as 2.");
		}
		if (maxBackoff != null && !isPositive(maxBackoff)) {
			errors.rejectValue("maxBackoff", "positive",
					"It must be positive. Set " + prefix + ".max-backoff to a duration such as 5m.");
		}
		if (maxAttempts != null && maxAttempts < 0) {
			errors.rejectValue("maxAttempts", "notNegative",
					"It must not be negative. Set " + prefix + ".max-attempts to 0 (no limit) or more, such as 10.");
		}
		if (failureThreshold != null && failureThreshold < 1) {
			errors.rejectValue("failureThreshold", "atLeastOne",
					"It must be at least 1. Set " + prefix + ".failure-threshold to 1 or more.");
		}
		if (successThreshold != null && successThreshold < 1) {
			errors.rejectValue("successThreshold", "atLeastOne",
					"It must be at least 1. Set " + prefix + ".success-threshold to 1 or more.");
		}
	}

	private static boolean isPositive(Duration duration) {
		return !duration.isNegative() && !duration.isZero();
	}

	private static <T> T or(@Nullable T value, T fallback) {
		return (value != null) ? value : fallback;
	}

	/**
	 * Recovery settings of one target; those left unset are the defaults of
	 * {@code heartbeat.recovery}.
	 *
	 * @since 0.1.0
	 */
	public static class TargetRecovery {

		/**
		 * Time between the first and second recovery attempts of this target. If a
		 * duration suffix is not specified, seconds will be used.
		 */
		@DurationUnit(ChronoUnit.SECONDS)
		private @Nullable Duration initialBackoff;

		/**
		 * Factor each backoff of this target is multiplied by to give the next.
		 */
		private @Nullable Double multiplier;

		/**
		 * Longest time between two recovery attempts of this target. If a duration suffix
		 * is not specified, seconds will be used.
		 */
		@DurationUnit(ChronoUnit.SECONDS)
		private @Nullable Duration maxBackoff;

		/**
		 * Recovery attempts after which this target escalates; 0 for no limit.
		 */
		private @Nullable Integer maxAttempts;

		/**
		 * Consecutive dead checks after which this target counts as dead.
		 */
		private @Nullable Integer failureThreshold;

		/**
		 * Consecutive alive checks after which this target counts as alive again.
		 */
		private @Nullable Integer successThreshold;

		/**
		 * Whether this target escalates when its recovery attempts run out; a
		 * non-critical target is only reported.
		 */
		private boolean critical = true;

		/**
		 * Whether this target escalates as soon as it is dead, with no recovery attempt.
		 * Defaults to true for the "deadlock" target (unless max-attempts is set), false
		 * for others.
		 */
		private @Nullable Boolean escalateAtOnce;

		public @Nullable Duration getInitialBackoff() {
			return this.initialBackoff;
		}

		public void setInitialBackoff(@Nullable Duration initialBackoff) {
			this.initialBackoff = initialBackoff;
		}

		public @Nullable Double getMultiplier() {
			return this.multiplier;
		}

		public void setMultiplier(@Nullable Double multiplier) {
			this.multiplier = multiplier;
		}

		public @Nullable Duration getMaxBackoff() {
			return this.maxBackoff;
		}

		public void setMaxBackoff(@Nullable Duration maxBackoff) {
			this.maxBackoff = maxBackoff;
		}

		public @Nullable Integer getMaxAttempts() {
			return this.maxAttempts;
		}

		public void setMaxAttempts(@Nullable Integer maxAttempts) {
			this.maxAttempts = maxAttempts;
		}

		public @Nullable Integer getFailureThreshold() {
			return this.failureThreshold;
		}

		public void setFailureThreshold(@Nullable Integer failureThreshold) {
			this.failureThreshold = failureThreshold;
		}

		public @Nullable Integer getSuccessThreshold() {
			return this.successThreshold;
		}

		public void setSuccessThreshold(@Nullable Integer successThreshold) {
			this.successThreshold = successThreshold;
		}

		public boolean isCritical() {
			return this.critical;
		}

		public void setCritical(boolean critical) {
			this.critical = critical;
		}

		public @Nullable Boolean getEscalateAtOnce() {
			return this.escalateAtOnce;
		}

		public void setEscalateAtOnce(@Nullable Boolean escalateAtOnce) {
			this.escalateAtOnce = escalateAtOnce;
		}

	}

}
