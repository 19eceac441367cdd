package dev.heartbeat.autoconfigure;

import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import dev.heartbeat.Heartbeat;
import dev.heartbeat.StopAction;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.convert.DurationUnit;
import org.springframework.validation.Errors;
import org.springframework.validation.Validator;

/**
 * Configuration properties of the heartbeat. They validate themselves: Boot's binder
 * applies a properties class that is a {@link Validator}, with no Bean Validation on the
 * class path, and reports each invalid property with its value, its origin and the fix.
 *
 * @since 0.1.0
 */
@ConfigurationProperties("heartbeat")
public class HeartbeatProperties implements Validator {

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
	 * "${java.io.tmpdir}/${spring.application.name:application}.heartbeat", or, when
	 * another process writes that file or it cannot be used, to a file of this process
	 * next to it, named with the pid. A path that is set and cannot be used stops
	 * startup. Set it to an empty value to keep beats in memory only.
	 */
	private @Nullable String stateFile;

	/**
	 * Time between two beats, clamped to [1s, 300s]. If a duration suffix is not
	 * specified, seconds will be used.
	 */
	@DurationUnit(ChronoUnit.SECONDS)
	private Duration interval = Duration.ofSeconds(10);

	/**
	 * Oldest a beat may be before the heartbeat counts as stale. Defaults to three
	 * intervals; must be at least two. If a duration suffix is not specified, seconds
	 * will be used.
	 */
	@DurationUnit(ChronoUnit.SECONDS)
	private @Nullable Duration maxAge;

	/**
	 * Longest a target's check or recovery may take before the target counts as
	 * unresponsive or the recovery as timed out. Defaults to one interval. If a duration
	 * suffix is not specified, seconds will be used.
	 */
	@DurationUnit(ChronoUnit.SECONDS)
	private @Nullable Duration targetTimeout;

	/**
	 * Longest a beat waits for a metadata contributor's answer; a contributor still
	 * running then is not waited for again, and its last values are written until it
	 * answers. Defaults to 1s; at most half the interval. If a duration suffix is not
	 * specified, seconds will be used.
	 */
	@DurationUnit(ChronoUnit.SECONDS)
	private @Nullable Duration metadataTimeout;

	/**
	 * Static values written in the metadata of every beat.
	 */
	private Map<String, String> metadata = new LinkedHashMap<>();

	/**
	 * What to do with the state file when the application stops.
	 */
	private StopAction onStop = StopAction.MARK;

	/**
	 * Whether to force each beat to disk (fsync of the file, then of its directory)
	 * before it counts as written. A beat lost in a power cut would be stale anyway.
	 */
	private boolean fsync;

	/**
	 * POSIX permissions of the state file and its lock file, such as "rw-r-----". The
	 * owner must be able to read and write.
	 */
	private String filePermissions = "rw-r--r--";

	private final Liveness liveness = new Liveness();

	private final Deadlock deadlock = new Deadlock();

	private final PreviousRun previousRun = new PreviousRun();

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

	public @Nullable Duration getMetadataTimeout() {
		return this.metadataTimeout;
	}

	public void setMetadataTimeout(@Nullable Duration metadataTimeout) {
		this.metadataTimeout = metadataTimeout;
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

	public Liveness getLiveness() {
		return this.liveness;
	}

	public Deadlock getDeadlock() {
		return this.deadlock;
	}

	public PreviousRun getPreviousRun() {
		return this.previousRun;
	}

	/**
	 * The file permissions as a set, once {@link #validate validated}.
	 * @return the permissions
	 */
	Set<PosixFilePermission> filePermissionSet() {
		return PosixFilePermissions.fromString(this.filePermissions);
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

	@Override
	public boolean supports(Class<?> type) {
		return HeartbeatProperties.class.isAssignableFrom(type);
	}

	@Override
	public void validate(Object target, Errors errors) {
		HeartbeatProperties properties = (HeartbeatProperties) target;
		if (!isPositive(properties.interval)) {
			errors.rejectValue("interval", "positive", "The interval must be positive. Set heartbeat.interval to a"
					+ " positive duration such as 10s (values outside [1s, 300s] are clamped).");
		}
		if (properties.targetTimeout != null && !isPositive(properties.targetTimeout)) {
			errors.rejectValue("targetTimeout", "positive", "The timeout must be positive. Set heartbeat.target-timeout"
					+ " to a positive duration such as 5s, or remove it to use one interval.");
		}
		if (properties.metadataTimeout != null && !isPositive(properties.metadataTimeout)) {
			errors.rejectValue("metadataTimeout", "positive", "The timeout must be positive. Set"
					+ " heartbeat.metadata-timeout to a positive duration such as 1s, or remove it to use 1s.");
		}
		validateFilePermissions(properties.filePermissions, errors);
		if (properties.previousRun.crashLoopThreshold < 1) {
			errors.rejectValue("previousRun.crashLoopThreshold", "atLeastOne", "It counts unclean endings in a row and"
					+ " must be at least 1. Set heartbeat.previous-run.crash-loop-threshold to 1 or more, such as 3.");
		}
		Duration twoIntervals = properties.effectiveInterval().multipliedBy(2);
		if (properties.maxAge != null && properties.maxAge.compareTo(twoIntervals) < 0) {
			errors.rejectValue("maxAge", "tooShort", "A heartbeat whose max age is under two intervals (" + twoIntervals
					+ ") cannot meet its own deadline: it turns stale after a single late beat. Set heartbeat.max-age"
					+ " to at least " + twoIntervals + ", or remove it to use three intervals.");
		}
	}

	private static void validateFilePermissions(String filePermissions, Errors errors) {
		Set<PosixFilePermission> permissions;
		try {
			permissions = PosixFilePermissions.fromString(filePermissions);
		}
		catch (IllegalArgumentException ex) {
			errors.rejectValue("filePermissions", "invalid", "It is not a set of POSIX permissions. Set"
					+ " heartbeat.file-permissions to nine characters such as rw-r--r-- or rw-r-----.");
			return;
		}
		if (!permissions.containsAll(Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE))) {
			errors.rejectValue("filePermissions", "ownerCannotWrite", "The heartbeat could not write its own state"
					+ " file, or read it for its health check. Set heartbeat.file-permissions to permissions that"
					+ " start with rw, such as rw-r--r--.");
		}
	}

	private static boolean isPositive(Duration duration) {
		return !duration.isNegative() && !duration.isZero();
	}

	/**
	 * How the heartbeat acts on the application's liveness.
	 *
	 * @since 0.1.0
	 */
	public static class Liveness {

		/**
		 * Whether a critical target that runs out of recovery attempts breaks the
		 * application's liveness (its liveness state and the heartbeat health component),
		 * so that the orchestrator restarts the process.
		 */
		private boolean escalate = true;

		public boolean isEscalate() {
			return this.escalate;
		}

		public void setEscalate(boolean escalate) {
			this.escalate = escalate;
		}

	}

	/**
	 * How the heartbeat watches the JVM for deadlocked threads.
	 *
	 * @since 0.1.0
	 */
	public static class Deadlock {

		/**
		 * Whether to watch the JVM for deadlocked threads with a target named "deadlock",
		 * which escalates at once unless heartbeat.recovery.targets.deadlock says
		 * otherwise.
		 */
		private boolean enabled = true;

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

	}

	/**
	 * What the heartbeat reports of the previous run of the application, found in the
	 * state file at start.
	 *
	 * @since 0.1.0
	 */
	public static class PreviousRun {

		/**
		 * Number of runs in a row that ended without a clean stop (crashed or killed)
		 * from which each start warns of a crash loop.
		 */
		private int crashLoopThreshold = Heartbeat.DEFAULT_CRASH_LOOP_THRESHOLD;

		public int getCrashLoopThreshold() {
			return this.crashLoopThreshold;
		}

		public void setCrashLoopThreshold(int crashLoopThreshold) {
			this.crashLoopThreshold = crashLoopThreshold;
		}

	}

}
