package dev.heartbeat.autoconfigure;

import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import dev.heartbeat.Heartbeat;
import dev.heartbeat.RecoveryPolicy;
import dev.heartbeat.StopAction;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Configuration properties of the heartbeat.
 */
@ConfigurationProperties("heartbeat")
public class HeartbeatProperties implements InitializingBean {

	/**
	 * Default state file, resolved against the environment.
	 */
	public static final String DEFAULT_STATE_FILE = "${java.io.tmpdir}/${spring.application.name:application}.heartbeat";

	/**
	 * Whether to enable the heartbeat.
	 */
	private boolean enabled = true;

	/**
	 * Path of the JSON state file rewritten on every beat. Defaults to
	 * "${java.io.tmpdir}/${spring.application.name:application}.heartbeat". Set it to an empty value
	 * to keep beats in memory only.
	 */
	private @Nullable String stateFile;

	/**
	 * Time between two beats, clamped to [1s, 300s].
	 */
	private Duration interval = Duration.ofSeconds(10);

	/**
	 * Oldest a beat may be before the heartbeat counts as stale. Defaults to three intervals; must be
	 * at least two.
	 */
	private @Nullable Duration maxAge;

	/**
	 * Longest a target's check or recovery may take before the target counts as unresponsive or the
	 * recovery as timed out. Defaults to one interval.
	 */
	private @Nullable Duration targetTimeout;

	/**
	 * Static values written in the metadata of every beat.
	 */
	private Map<String, String> metadata = new LinkedHashMap<>();

	/**
	 * What to do with the state file when the application stops.
	 */
	private StopAction onStop = StopAction.MARK;

	/**
	 * Whether to force each beat to disk (fsync of the file, then of its directory) before it
	 * counts as written. A beat lost in a power cut would be stale anyway.
	 */
	private boolean fsync;

	/**
	 * POSIX permissions of the state file and its lock file, such as "rw-r-----". The owner must
	 * be able to read and write.
	 */
	private String filePermissions = "rw-r--r--";

	private final Recovery recovery = new Recovery();

	private final Liveness liveness = new Liveness();

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public @Nullable String getStateFile() {
		return this.stateFile;
	}

	public void setStateFile(@Nullable String stateFile) {
		this.stateFile = stateFile;
	}

	public Duration getInterval() {
		return this.interval;
	}

	public void setInterval(Duration interval) {
		this.interval = interval;
	}

	public @Nullable Duration getTargetTimeout() {
		return this.targetTimeout;
	}

	public void setTargetTimeout(@Nullable Duration targetTimeout) {
		this.targetTimeout = targetTimeout;
	}

	public @Nullable Duration getMaxAge() {
		return this.maxAge;
	}

	public void setMaxAge(@Nullable Duration maxAge) {
		this.maxAge = maxAge;
	}

	public Map<String, String> getMetadata() {
		return this.metadata;
	}

	public void setMetadata(Map<String, String> metadata) {
		this.metadata = metadata;
	}

	public StopAction getOnStop() {
		return this.onStop;
	}

	public void setOnStop(StopAction onStop) {
		this.onStop = onStop;
	}

	public boolean isFsync() {
		return this.fsync;
	}

	public void setFsync(boolean fsync) {
		this.fsync = fsync;
	}

	public String getFilePermissions() {
		return this.filePermissions;
	}

	public void setFilePermissions(String filePermissions) {
		this.filePermissions = filePermissions;
	}

	/**
	 * The file permissions as a set.
	 * @return the permissions
	 * @throws InvalidHeartbeatPropertyException if they are not nine characters such as
	 * {@code rw-r--r--}, or the owner cannot read and write
	 */
	Set<PosixFilePermission> filePermissionSet() {
		Set<PosixFilePermission> permissions;
		try {
			permissions = PosixFilePermissions.fromString(this.filePermissions);
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidHeartbeatPropertyException("heartbeat.file-permissions", this.filePermissions,
					"It is not a set of POSIX permissions.",
					"Set heartbeat.file-permissions to nine characters such as rw-r--r-- or rw-r-----.");
		}
		if (!permissions.containsAll(Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE))) {
			throw new InvalidHeartbeatPropertyException("heartbeat.file-permissions", this.filePermissions,
					"The heartbeat could not write its own state file, or read it for its health check.",
					"Set heartbeat.file-permissions to permissions that start with rw, such as rw-r--r--.");
		}
		return permissions;
	}

	public Recovery getRecovery() {
		return this.recovery;
	}

	public Liveness getLiveness() {
		return this.liveness;
	}

	/**
	 * The interval the heartbeat will use: the configured one, clamped.
	 * @return the effective interval
	 */
	Duration effectiveInterval() {
		if (this.interval.compareTo(Heartbeat.MIN_INTERVAL) < 0) {
			return Heartbeat.MIN_INTERVAL;
		}
		return (this.interval.compareTo(Heartbeat.MAX_INTERVAL) > 0) ? Heartbeat.MAX_INTERVAL : this.interval;
	}

	private static boolean isPositive(Duration duration) {
		return !duration.isNegative() && !duration.isZero();
	}

	private static InvalidHeartbeatPropertyException invalid(String name, Object value, String reason,
			String action) {
		return new InvalidHeartbeatPropertyException(name, value, reason, action);
	}

	@Override
	public void afterPropertiesSet() {
		if (!isPositive(this.interval)) {
			throw invalid("heartbeat.interval", this.interval, "The interval must be positive.",
					"Set heartbeat.interval to a positive duration such as 10s (values outside [1s, 300s] are clamped).");
		}
		if (this.targetTimeout != null && !isPositive(this.targetTimeout)) {
			throw invalid("heartbeat.target-timeout", this.targetTimeout, "The timeout must be positive.",
					"Set heartbeat.target-timeout to a positive duration such as 5s, or remove it to use one interval.");
		}
		this.recovery.validate();
		filePermissionSet();
		if (this.maxAge != null) {
			Duration twoIntervals = effectiveInterval().multipliedBy(2);
			if (this.maxAge.compareTo(twoIntervals) < 0) {
				throw invalid("heartbeat.max-age", this.maxAge,
						"A heartbeat whose max age is under two intervals (" + twoIntervals
								+ ") cannot meet its own deadline: it turns stale after a single late beat.",
						"Set heartbeat.max-age to at least " + twoIntervals
								+ ", or remove it to use three intervals.");
			}
		}
	}

	/**
	 * How dead targets are recovered.
	 */
	public static class Recovery {

		/**
		 * Time between the first and second recovery attempts of a dead target. Defaults to one
		 * interval.
		 */
		private @Nullable Duration initialBackoff;

		/**
		 * Factor each backoff is multiplied by to give the next.
		 */
		private double multiplier = 2.0;

		/**
		 * Longest time between two recovery attempts.
		 */
		private Duration maxBackoff = Duration.ofMinutes(5);

		/**
		 * Recovery attempts after which a critical target that is still dead escalates; 0 for no
		 * limit.
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
			return new RecoveryPolicy(or(target.initialBackoff, this.initialBackoff),
					or(target.multiplier, this.multiplier), or(target.maxBackoff, this.maxBackoff),
					or(target.maxAttempts, this.maxAttempts), or(target.failureThreshold, this.failureThreshold),
					or(target.successThreshold, this.successThreshold), target.critical);
		}

		void validate() {
			validate("heartbeat.recovery", this.initialBackoff, this.multiplier, this.maxBackoff, this.maxAttempts,
					this.failureThreshold, this.successThreshold);
			this.targets.forEach((name, target) -> validate("heartbeat.recovery.targets." + name, target.initialBackoff,
					target.multiplier, target.maxBackoff, target.maxAttempts, target.failureThreshold,
					target.successThreshold));
		}

		private static void validate(String prefix, @Nullable Duration initialBackoff, @Nullable Double multiplier,
				@Nullable Duration maxBackoff, @Nullable Integer maxAttempts, @Nullable Integer failureThreshold,
				@Nullable Integer successThreshold) {
			if (initialBackoff != null && !isPositive(initialBackoff)) {
				throw invalid(prefix + ".initial-backoff", initialBackoff, "It must be positive.",
						"Set " + prefix + ".initial-backoff to a duration such as 10s, or remove it to use one interval.");
			}
			if (multiplier != null && !(multiplier >= 1.0 && Double.isFinite(multiplier))) {
				throw invalid(prefix + ".multiplier", multiplier, "It must be at least 1.",
						"Set " + prefix + ".multiplier to 1 (a constant backoff) or more, such as 2.");
			}
			if (maxBackoff != null && !isPositive(maxBackoff)) {
				throw invalid(prefix + ".max-backoff", maxBackoff, "It must be positive.",
						"Set " + prefix + ".max-backoff to a duration such as 5m.");
			}
			if (maxAttempts != null && maxAttempts < 0) {
				throw invalid(prefix + ".max-attempts", maxAttempts, "It must not be negative.",
						"Set " + prefix + ".max-attempts to 0 (no limit) or more, such as 10.");
			}
			if (failureThreshold != null && failureThreshold < 1) {
				throw invalid(prefix + ".failure-threshold", failureThreshold, "It must be at least 1.",
						"Set " + prefix + ".failure-threshold to 1 or more.");
			}
			if (successThreshold != null && successThreshold < 1) {
				throw invalid(prefix + ".success-threshold", successThreshold, "It must be at least 1.",
						"Set " + prefix + ".success-threshold to 1 or more.");
			}
		}

		private static <T> T or(@Nullable T value, T fallback) {
			return (value != null) ? value : fallback;
		}

	}

	/**
	 * Recovery settings of one target; those left unset are the defaults of
	 * {@code heartbeat.recovery}.
	 */
	public static class TargetRecovery {

		/**
		 * Time between the first and second recovery attempts of this target.
		 */
		private @Nullable Duration initialBackoff;

		/**
		 * Factor each backoff of this target is multiplied by to give the next.
		 */
		private @Nullable Double multiplier;

		/**
		 * Longest time between two recovery attempts of this target.
		 */
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
		 * Whether this target escalates when its recovery attempts run out; a non-critical target is
		 * only reported.
		 */
		private boolean critical = true;

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

	}

	/**
	 * How the heartbeat acts on the application's liveness.
	 */
	public static class Liveness {

		/**
		 * Whether a critical target that runs out of recovery attempts breaks the application's
		 * liveness state, so that the orchestrator restarts the process.
		 */
		private boolean escalate = true;

		public boolean isEscalate() {
			return this.escalate;
		}

		public void setEscalate(boolean escalate) {
			this.escalate = escalate;
		}

	}

}
