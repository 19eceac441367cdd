package dev.heartbeat;

import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.stream.Collectors;

import dev.heartbeat.tasks.TaskWatcher;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * Builds a {@link Heartbeat}: {@link Heartbeat#builder()} makes one. A builder is
 * configured and built on one thread; each {@link #build()} makes a heartbeat of its own.
 *
 * @since 0.1.0
 */
public final class HeartbeatBuilder {

	private static final Log logger = LogFactory.getLog(Heartbeat.class);

	private @Nullable Path stateFile;

	private List<Path> fallbackStateFiles = List.of();

	private boolean fsync;

	private Set<PosixFilePermission> filePermissions = StateFile.DEFAULT_PERMISSIONS;

	private Duration interval = Heartbeat.DEFAULT_INTERVAL;

	private @Nullable Duration maxAge;

	private final Map<String, Object> metadata = new LinkedHashMap<>();

	private final List<HeartbeatMetadataContributor> contributors = new ArrayList<>();

	private final Map<String, HeartbeatTarget> targets = new LinkedHashMap<>();

	private RecoveryPolicy recoveryPolicy = RecoveryPolicy.DEFAULT;

	private boolean detectDeadlocks;

	private final Map<String, RecoveryPolicy> targetPolicies = new LinkedHashMap<>();

	private Ticker ticker = Ticker.system();

	private @Nullable Executor callbackExecutor;

	private @Nullable Duration targetTimeout;

	private @Nullable Duration metadataTimeout;

	private final List<HeartbeatListener> listeners = new ArrayList<>();

	private Clock clock = Clock.systemUTC();

	private HeartbeatStatus initialStatus = HeartbeatStatus.UP;

	private StopAction stopAction = StopAction.MARK;

	private int crashLoopThreshold = Heartbeat.DEFAULT_CRASH_LOOP_THRESHOLD;

	private @Nullable TaskWatcher tasks;

	HeartbeatBuilder() {
	}

	/**
	 * The file to write each beat to. Without one, beats are kept in memory only.
	 * @param stateFile the state file, or {@code null} for none
	 * @return this builder
	 */
	public HeartbeatBuilder stateFile(@Nullable Path stateFile) {
		this.stateFile = stateFile;
		return this;
	}

	/**
	 * The files to write instead of the {@link #stateFile(Path) state file} when
	 * {@link Heartbeat#start()} finds that one written by another process or unusable (a
	 * directory, a lock file that cannot be opened, another user's file in a shared
	 * directory): the heartbeat starts with the first fallback it can claim and logs a
	 * warning that names it and why, and {@link Heartbeat#stateFile()} returns it. Meant
	 * for a default path that several processes may share, such as one in the temp
	 * directory (where a name that others can predict, such as one with the pid, is best
	 * followed by one they cannot); a path chosen on purpose is better refused, as it is
	 * without fallbacks. Each start tries the state file first.
	 * @param fallbackStateFiles the fallbacks, in the order they are tried; none by
	 * default, and then {@code start()} throws
	 * @return this builder
	 */
	public HeartbeatBuilder fallbackStateFiles(List<Path> fallbackStateFiles) {
		this.fallbackStateFiles = List.copyOf(fallbackStateFiles);
		return this;
	}

	/**
	 * Whether to force each beat to disk before it replaces the state file. Off by
	 * default: a beat lost in a power cut would be stale anyway, and forcing costs a disk
	 * flush per beat.
	 * @param fsync {@code true} to force each beat to disk
	 * @return this builder
	 */
	public HeartbeatBuilder fsync(boolean fsync) {
		this.fsync = fsync;
		return this;
	}

	/**
	 * The permissions of the state file and its lock file, on file systems that have
	 * POSIX permissions.
	 * @param filePermissions the permissions, {@code rw-r--r--} by default
	 * @return this builder
	 */
	public HeartbeatBuilder filePermissions(Set<PosixFilePermission> filePermissions) {
		this.filePermissions = Set.copyOf(filePermissions);
		return this;
	}

	/**
	 * The time between two beats, clamped to [1 s, 300 s] (a clamped value is logged).
	 * @param interval the interval, 10 s by default
	 * @return this builder
	 */
	public HeartbeatBuilder interval(Duration interval) {
		this.interval = interval;
		return this;
	}

	/**
	 * The interval asked for so far, before clamping: lets a customizer shorten it.
	 * @return the requested interval
	 */
	public Duration interval() {
		return this.interval;
	}

	/**
	 * The oldest a beat may be before it is stale.
	 * @param maxAge the maximum age, three intervals by default
	 * @return this builder
	 */
	public HeartbeatBuilder maxAge(Duration maxAge) {
		this.maxAge = maxAge;
		return this;
	}

	/**
	 * Static values written with every beat, added to any given before.
	 * @param metadata the values, keyed by name
	 * @return this builder
	 * @throws IllegalArgumentException if a value cannot be written as JSON
	 */
	public HeartbeatBuilder metadata(Map<String, ?> metadata) {
		StateJson.check(metadata);
		this.metadata.putAll(metadata);
		return this;
	}

	/**
	 * Add a contributor of values written with every beat.
	 * @param contributor the contributor
	 * @return this builder
	 */
	public HeartbeatBuilder metadataContributor(HeartbeatMetadataContributor contributor) {
		this.contributors.add(contributor);
		return this;
	}

	/**
	 * Add a target to watch, reported under its {@link HeartbeatTarget#name()}.
	 * @param target the target
	 * @return this builder
	 */
	public HeartbeatBuilder target(HeartbeatTarget target) {
		return target(target.name(), target);
	}

	/**
	 * Add a target to watch, reported under the given name.
	 * @param name the name to report the target under
	 * @param target the target
	 * @return this builder
	 * @throws DuplicateTargetNameException if another target has that name
	 */
	public HeartbeatBuilder target(String name, HeartbeatTarget target) {
		HeartbeatTarget existing = this.targets.putIfAbsent(name, target);
		if (existing != null) {
			throw new DuplicateTargetNameException(name, existing, target);
		}
		return this;
	}

	/**
	 * Watch this JVM for deadlocked threads: add a {@link DeadlockTarget}, named
	 * {@value DeadlockTarget#NAME}, whose policy (unless
	 * {@link #recoveryPolicy(String, RecoveryPolicy) one of its own} is given) is the
	 * {@link #recoveryPolicy(RecoveryPolicy) default policy} escalating at once: a
	 * deadlock never resolves itself.
	 * @return this builder
	 * @throws DuplicateTargetNameException if another target is named
	 * {@value DeadlockTarget#NAME}
	 */
	public HeartbeatBuilder detectDeadlocks() {
		target(DeadlockTarget.NAME, new DeadlockTarget());
		this.detectDeadlocks = true;
		return this;
	}

	/**
	 * Watch scheduled tasks: each beat has them judged on a worker thread and writes
	 * their states, as last judged, as the state file's {@code tasks}. Each task the
	 * watcher's settings make critical is watched as a target named {@code task:<name>},
	 * dead while the task is {@code OVERDUE} or {@code STUCK}, whose policy (unless
	 * {@link #recoveryPolicy(String, RecoveryPolicy) one of its own} is given) is the
	 * {@link #recoveryPolicy(RecoveryPolicy) default policy}, critical and escalating at
	 * once: the task's grace has passed already.
	 * @param tasks the tasks to watch
	 * @return this builder
	 * @throws DuplicateTargetNameException if another target has the name of a critical
	 * task's target
	 */
	public HeartbeatBuilder tasks(TaskWatcher tasks) {
		for (String name : tasks.criticalTasks()) {
			target(CriticalTaskTarget.PREFIX + name, new CriticalTaskTarget(tasks, name));
		}
		this.tasks = tasks;
		return this;
	}

	/**
	 * The recovery policy of every target without one of its own.
	 * @param policy the policy, {@link RecoveryPolicy#DEFAULT} by default
	 * @return this builder
	 */
	public HeartbeatBuilder recoveryPolicy(RecoveryPolicy policy) {
		this.recoveryPolicy = policy;
		return this;
	}

	/**
	 * The recovery policy of one target.
	 * @param targetName the name the target is reported under
	 * @param policy the policy
	 * @return this builder
	 */
	public HeartbeatBuilder recoveryPolicy(String targetName, RecoveryPolicy policy) {
		this.targetPolicies.put(targetName, policy);
		return this;
	}

	/**
	 * The monotonic time source that measures backoff and the time since the last beat.
	 * @param ticker the ticker, {@link Ticker#system()} by default
	 * @return this builder
	 */
	public HeartbeatBuilder ticker(Ticker ticker) {
		this.ticker = ticker;
		return this;
	}

	/**
	 * Where target checks, recoveries and listener callbacks run, instead of the
	 * heartbeat's own pool of worker threads. A direct executor ({@code Runnable::run})
	 * makes them synchronous, for tests.
	 * @param executor the executor; it is not shut down by the heartbeat
	 * @return this builder
	 */
	public HeartbeatBuilder callbackExecutor(Executor executor) {
		this.callbackExecutor = executor;
		return this;
	}

	/**
	 * How long a target's check or recovery may take before the target counts as
	 * unresponsive or the recovery as timed out.
	 * @param targetTimeout the timeout, one interval by default
	 * @return this builder
	 */
	public HeartbeatBuilder targetTimeout(Duration targetTimeout) {
		this.targetTimeout = targetTimeout;
		return this;
	}

	/**
	 * How long a beat waits for a metadata contributor's answer. A contributor still
	 * running then is not waited for again: its last values are written until it answers.
	 * At most half the interval (a longer one is lowered to it, and logged).
	 * @param metadataTimeout the timeout, {@link Heartbeat#DEFAULT_METADATA_TIMEOUT} (or
	 * half the interval if that is shorter) by default
	 * @return this builder
	 * @throws IllegalArgumentException if the timeout is not positive
	 */
	public HeartbeatBuilder metadataTimeout(Duration metadataTimeout) {
		if (metadataTimeout.isNegative() || metadataTimeout.isZero()) {
			throw new IllegalArgumentException("A metadata timeout must be positive, not " + metadataTimeout);
		}
		this.metadataTimeout = metadataTimeout;
		return this;
	}

	/**
	 * Add a listener.
	 * @param listener the listener
	 * @return this builder
	 */
	public HeartbeatBuilder listener(HeartbeatListener listener) {
		this.listeners.add(listener);
		return this;
	}

	/**
	 * The clock that timestamps beats.
	 * @param clock the clock, {@link Clock#systemUTC()} by default
	 * @return this builder
	 */
	public HeartbeatBuilder clock(Clock clock) {
		this.clock = clock;
		return this;
	}

	/**
	 * The status written from {@link Heartbeat#start()} until
	 * {@link Heartbeat#updateStatus(HeartbeatStatus)} changes it.
	 * @param initialStatus the status, {@link HeartbeatStatus#UP} by default
	 * @return this builder
	 */
	public HeartbeatBuilder initialStatus(HeartbeatStatus initialStatus) {
		this.initialStatus = initialStatus;
		return this;
	}

	/**
	 * What to do with the state file on stop.
	 * @param stopAction the action, {@link StopAction#MARK} by default
	 * @return this builder
	 */
	public HeartbeatBuilder stopAction(StopAction stopAction) {
		this.stopAction = stopAction;
		return this;
	}

	/**
	 * How many unclean endings in a row (see {@link PreviousRun#uncleanRestarts()}) make
	 * {@link Heartbeat#start()} warn of a crash loop, at that count and every one above.
	 * @param crashLoopThreshold the count, {@link Heartbeat#DEFAULT_CRASH_LOOP_THRESHOLD}
	 * by default
	 * @return this builder
	 * @throws IllegalArgumentException if the count is under 1
	 */
	public HeartbeatBuilder crashLoopThreshold(int crashLoopThreshold) {
		if (crashLoopThreshold < 1) {
			throw new IllegalArgumentException("A crash loop threshold must be at least 1, not " + crashLoopThreshold);
		}
		this.crashLoopThreshold = crashLoopThreshold;
		return this;
	}

	/**
	 * Build the heartbeat. It does not beat until {@link Heartbeat#start()}.
	 * @return the heartbeat
	 */
	public Heartbeat build() {
		StateFileChoice stateFile = stateFileChoice();
		Duration interval = clamp(this.interval);
		Duration maxAge = (this.maxAge != null) ? this.maxAge : interval.multipliedBy(3);
		ListenerDispatcher listeners = new ListenerDispatcher(this.listeners);
		// a snapshot: the heartbeat does not change with this builder
		Map<String, RecoveryPolicy> policies = Map.copyOf(this.targetPolicies);
		RecoveryPolicy defaultPolicy = this.recoveryPolicy;
		boolean detectDeadlocks = this.detectDeadlocks;
		Set<String> criticalTasks = this.targets.entrySet()
			.stream()
			.filter((entry) -> entry.getValue() instanceof CriticalTaskTarget)
			.map(Map.Entry::getKey)
			.collect(Collectors.toUnmodifiableSet());
		Function<String, RecoveryPolicy> policyFor = (name) -> policies.getOrDefault(name,
				(detectDeadlocks && DeadlockTarget.NAME.equals(name)) ? defaultPolicy.withEscalateAtOnce(true)
						: criticalTasks.contains(name) ? defaultPolicy.withCritical(true).withEscalateAtOnce(true)
								: defaultPolicy);
		List<TargetWatch> watches = this.targets.entrySet()
			.stream()
			.map((entry) -> new TargetWatch(entry.getKey(), entry.getValue(), policyFor.apply(entry.getKey())))
			.toList();
		WatchedTargets targets = new WatchedTargets(watches, policyFor, listeners, this.callbackExecutor, this.ticker,
				this.clock, interval, (this.targetTimeout != null) ? this.targetTimeout : interval);
		// one lock orders the beats and guards the outcomes they leave
		ReentrantLock beatLock = new ReentrantLock();
		BeatHistory history = new BeatHistory(beatLock, this.ticker);
		// in insertion order, as the Python heartbeat writes it (Map.copyOf would not
		// keep it)
		BeatMetadata metadata = new BeatMetadata(FrozenMap.copyOf(this.metadata), List.copyOf(this.contributors),
				resolvedMetadataTimeout(interval), this.callbackExecutor);
		BeatTasks tasks = new BeatTasks(this.tasks);
		if (this.tasks != null) {
			this.tasks.useInterval(interval);
			this.tasks.addListener(new TaskStatusBridge(listeners));
		}
		BeatWriter writer = new BeatWriter(stateFile, interval, maxAge, metadata, targets, history, listeners,
				this.clock, this.ticker, beatLock, new GcPauses(), tasks);
		return new Heartbeat(new BeatSchedule(interval, this.ticker, listeners), targets, writer, history, listeners,
				this.callbackExecutor, this.initialStatus, this.stopAction, this.crashLoopThreshold, tasks);
	}

	private Duration resolvedMetadataTimeout(Duration interval) {
		// a beat that waited longer would run into the next one
		Duration longest = interval.dividedBy(2);
		if (this.metadataTimeout == null) {
			return (Heartbeat.DEFAULT_METADATA_TIMEOUT.compareTo(longest) > 0) ? longest
					: Heartbeat.DEFAULT_METADATA_TIMEOUT;
		}
		if (this.metadataTimeout.compareTo(longest) > 0) {
			logger.warn("Heartbeat metadata timeout " + this.metadataTimeout
					+ " is longer than half the interval; using " + longest);
			return longest;
		}
		return this.metadataTimeout;
	}

	private @Nullable StateFileChoice stateFileChoice() {
		if (this.stateFile == null) {
			return null;
		}
		return new StateFileChoice(newStateFile(this.stateFile),
				this.fallbackStateFiles.stream().map(this::newStateFile).toList());
	}

	private StateFile newStateFile(Path path) {
		return new StateFile(path, this.fsync, this.filePermissions);
	}

	private static Duration clamp(Duration requested) {
		Duration used = requested;
		if (requested.compareTo(Heartbeat.MIN_INTERVAL) < 0) {
			used = Heartbeat.MIN_INTERVAL;
		}
		else if (requested.compareTo(Heartbeat.MAX_INTERVAL) > 0) {
			used = Heartbeat.MAX_INTERVAL;
		}
		if (!used.equals(requested)) {
			logger.warn("Heartbeat interval " + requested + " is outside [" + Heartbeat.MIN_INTERVAL + ", "
					+ Heartbeat.MAX_INTERVAL + "]; using " + used);
		}
		return used;
	}

}
