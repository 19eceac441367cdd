package dev.heartbeat;

import java.io.IOException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * A background heartbeat: at a fixed rate, it checks its {@link HeartbeatTarget targets},
 * atomically rewrites a JSON state file, tells its {@link HeartbeatListener listeners}, and
 * recovers dead targets.
 * <p>
 * Beats run on the heartbeat's own daemon thread, named {@code heartbeat}; the first is written by
 * {@link #start()}. A beat that cannot be written is reported to
 * {@link HeartbeatListener#onMissedBeat} and the next one tries again. Closing a heartbeat stops
 * it, so that try-with-resources plays the role of the Python heartbeat's context manager:
 * <pre class="code">
 * try (Heartbeat heartbeat = Heartbeat.builder().stateFile(path).build()) {
 *     heartbeat.start();
 *     // work while the heartbeat beats
 * }
 * </pre>
 */
public final class Heartbeat implements AutoCloseable {

	/**
	 * The interval used when none is given.
	 */
	public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(10);

	/**
	 * The shortest interval: shorter ones are raised to it.
	 */
	public static final Duration MIN_INTERVAL = Duration.ofSeconds(1);

	/**
	 * The longest interval: longer ones are lowered to it.
	 */
	public static final Duration MAX_INTERVAL = Duration.ofSeconds(300);

	/**
	 * The name of the heartbeat's thread.
	 */
	public static final String THREAD_NAME = "heartbeat";

	// a beat takes microseconds: one still running after this is stuck in a target's check
	private static final Duration STOP_TIMEOUT = Duration.ofSeconds(5);

	private static final Log logger = LogFactory.getLog(Heartbeat.class);

	private static final int RECENT_BEATS = 20;

	private final @Nullable StateFile stateFile;

	private final Duration interval;

	private final Duration maxAge;

	private final Map<String, Object> metadata;

	private final List<HeartbeatMetadataContributor> contributors;

	private final List<TargetWatch> targets;

	private final ListenerDispatcher listeners;

	private final @Nullable Executor callbackExecutor;

	private final Duration targetTimeout;

	private final AtomicInteger escalatedCount = new AtomicInteger();

	private final Clock clock;

	private final Ticker ticker;

	private final HeartbeatStatus initialStatus;

	private final StopAction stopAction;

	private final Object lifecycleMonitor = new Object();

	private final ReentrantLock beatLock = new ReentrantLock();

	private @Nullable ScheduledThreadPoolExecutor executor;

	private @Nullable WorkerPool workers;

	private volatile @Nullable TargetContext targetContext;

	private boolean ticked;

	private long lastTickNanos;

	private @Nullable CountDownLatch firstBeat;

	private volatile @Nullable Thread beatThread;

	private volatile boolean running;

	private volatile boolean shutdown;

	private volatile HeartbeatStatus status;

	private long seq;

	private boolean failing;

	private volatile @Nullable HeartbeatState lastState;

	private volatile @Nullable HeartbeatException lastFailure;

	private volatile long lastSuccessNanos;

	private final Deque<BeatOutcome> recentBeats = new ArrayDeque<>(RECENT_BEATS);

	private Heartbeat(Builder builder) {
		this.stateFile = (builder.stateFile != null)
				? new StateFile(builder.stateFile, builder.fsync, builder.filePermissions) : null;
		this.interval = clamp(builder.interval);
		this.maxAge = (builder.maxAge != null) ? builder.maxAge : this.interval.multipliedBy(3);
		// in insertion order, as the Python heartbeat writes it (Map.copyOf would not keep it)
		this.metadata = FrozenMap.copyOf(builder.metadata);
		this.contributors = List.copyOf(builder.contributors);
		this.targets = builder.targets.entrySet()
			.stream()
			.map((entry) -> new TargetWatch(entry.getKey(), entry.getValue(), builder.policyFor(entry.getKey())))
			.toList();
		this.listeners = new ListenerDispatcher(builder.listeners);
		this.callbackExecutor = builder.callbackExecutor;
		this.targetTimeout = (builder.targetTimeout != null) ? builder.targetTimeout : this.interval;
		this.clock = builder.clock;
		this.ticker = builder.ticker;
		this.initialStatus = builder.initialStatus;
		this.stopAction = builder.stopAction;
		this.status = this.initialStatus;
	}

	/**
	 * Start building a heartbeat.
	 * @return a new builder
	 */
	public static Builder builder() {
		return new Builder();
	}

	/**
	 * Whether the state file holds a fresh beat: no older than {@code maxAge} (inclusive) and not
	 * in the future beyond {@link HeartbeatState#CLOCK_SKEW_ALLOWANCE}.
	 * @param stateFile the state file to read
	 * @param maxAge the oldest a beat may be
	 * @return {@code true} if the file holds a fresh beat
	 */
	public static boolean isAlive(Path stateFile, Duration maxAge) {
		return isAlive(stateFile, maxAge, Clock.systemUTC());
	}

	/**
	 * Whether the state file holds a fresh beat, judged by the given clock.
	 * @param stateFile the state file to read
	 * @param maxAge the oldest a beat may be
	 * @param clock the clock that says what time it is now
	 * @return {@code true} if the file holds a fresh beat
	 */
	public static boolean isAlive(Path stateFile, Duration maxAge, Clock clock) {
		return HeartbeatState.read(stateFile).map((state) -> state.isFresh(maxAge, clock)).orElse(false);
	}

	/**
	 * Start beating: write the first beat now, then one every {@link #interval()} on the
	 * heartbeat's thread. Returns once the first beat was attempted (or after one interval, if a
	 * target's check hangs).
	 * @throws HeartbeatException if the heartbeat is already running or was shut down
	 * @throws StateFileLockedException if another process writes the state file
	 * @throws UnusableStateFileException if the state file is a directory or its directory cannot be
	 * made or used
	 */
	public void start() {
		CountDownLatch started;
		synchronized (this.lifecycleMonitor) {
			if (this.shutdown) {
				throw new HeartbeatException("Heartbeat is shut down");
			}
			if (this.running) {
				throw new HeartbeatException("Heartbeat is already running");
			}
			if (this.stateFile != null) {
				// refuses a file another process writes, or one that can never be written
				this.stateFile.claim();
			}
			this.status = this.initialStatus;
			started = new CountDownLatch(1);
			this.firstBeat = started;
			this.executor = newExecutor();
			Executor callbacks = this.callbackExecutor;
			if (callbacks == null) {
				this.workers = new WorkerPool(THREAD_NAME + "-worker-");
				callbacks = this.workers;
			}
			this.listeners.deliverOn(callbacks);
			this.targetContext = new TargetContext(callbacks, this.listeners, this.ticker, this.clock, this.interval,
					this.targetTimeout, this.escalatedCount);
			this.ticked = false;
			this.running = true;
			long period = this.interval.toNanos();
			// fixed rate: each beat is due at start + n * interval, whatever the previous one took
			this.executor.scheduleAtFixedRate(this::tick, 0, period, TimeUnit.NANOSECONDS);
		}
		logger.info("Heartbeat started: state file " + describeStateFile() + ", interval " + this.interval
				+ ", max age " + this.maxAge + ", targets " + this.targets);
		awaitQuietly(started);
	}

	/**
	 * Stop beating. Lets a beat in progress finish, then applies the {@link StopAction}. Does
	 * nothing if the heartbeat is not running.
	 */
	public void stop() {
		ScheduledThreadPoolExecutor stopping;
		synchronized (this.lifecycleMonitor) {
			if (!this.running) {
				return;
			}
			this.running = false;
			stopping = this.executor;
			this.executor = null;
		}
		if (stopping != null) {
			stopping.shutdown();
			awaitTermination(stopping);
		}
		if (this.stateFile != null) {
			// the last heartbeat of this JVM to write the file applies the stop action, then lets the lock go
			this.stateFile.release(this::applyStopAction);
		}
		else {
			applyStopAction();
		}
		this.listeners.awaitDelivery(STOP_TIMEOUT);
		this.listeners.deliverOn(null);
		this.targetContext = null;
		WorkerPool stoppingWorkers = this.workers;
		this.workers = null;
		if (stoppingWorkers != null) {
			// a check or recovery still hanging now never will return: interrupt it
			stoppingWorkers.shutdownNow();
		}
		logger.info("Heartbeat stopped (" + this.stopAction.name().toLowerCase() + ")");
	}

	/**
	 * Stop beating for good: a heartbeat that was shut down cannot be started again.
	 */
	public void shutdown() {
		logger.info("Heartbeat shutdown requested");
		this.shutdown = true;
		stop();
	}

	/**
	 * Stop beating, as {@link #stop()} does.
	 */
	@Override
	public void close() {
		stop();
	}

	/**
	 * Write a beat now, with the last known status of each target.
	 * @return the state that was written
	 * @throws HeartbeatException if the state file cannot be written
	 */
	public HeartbeatState beat() {
		return write(this.status);
	}

	/**
	 * Write a beat now, between two scheduled beats, and report it to the listeners like any other
	 * beat (unlike {@link #beat()}, it never throws: a failure is in the outcome). Does nothing
	 * unless the heartbeat is running, so that it never overwrites the last beat of {@link #stop()}.
	 * @return the attempt, written or not, or empty if the heartbeat is not running
	 */
	public Optional<BeatOutcome> beatNow() {
		return Optional.ofNullable(beatAndReport(this.status));
	}

	/**
	 * Change the status written with each beat and, if the heartbeat is running, write a beat now
	 * so that the state file shows the change at once. The beat is reported to the listeners like
	 * any other.
	 * @param status the new status
	 */
	public void updateStatus(HeartbeatStatus status) {
		this.status = status;
		if (this.running) {
			beatAndReport(status);
		}
	}

	/**
	 * Whether {@link #shutdown()} was called.
	 * @return {@code true} if the heartbeat was shut down
	 */
	public boolean isShutdown() {
		return this.shutdown;
	}

	/**
	 * Whether the heartbeat is beating.
	 * @return {@code true} between {@link #start()} and {@link #stop()}
	 */
	public boolean isRunning() {
		return this.running;
	}

	/**
	 * The time between two beats, after clamping to [{@link #MIN_INTERVAL},
	 * {@link #MAX_INTERVAL}].
	 * @return the interval
	 */
	public Duration interval() {
		return this.interval;
	}

	/**
	 * The oldest a beat may be before it is stale.
	 * @return the maximum age, three intervals unless set
	 */
	public Duration maxAge() {
		return this.maxAge;
	}

	/**
	 * The state file this heartbeat writes.
	 * @return the absolute path of the state file, or empty if beats are kept in memory only
	 */
	public Optional<Path> stateFile() {
		return Optional.ofNullable(this.stateFile).map(StateFile::path);
	}

	/**
	 * The status written with each beat.
	 * @return the current status
	 */
	public HeartbeatStatus status() {
		return this.status;
	}

	/**
	 * The last beat that was written, kept in memory (with no state file, the only record of it).
	 * @return the last state written, or empty before the first beat
	 */
	public Optional<HeartbeatState> lastState() {
		return Optional.ofNullable(this.lastState);
	}

	/**
	 * Why the most recent beat could not be written.
	 * @return the failure of the most recent beat, or empty if it was written
	 */
	public Optional<HeartbeatException> lastFailure() {
		return Optional.ofNullable(this.lastFailure);
	}

	/**
	 * Read this heartbeat's state file as any reader would ({@link HeartbeatState#inspect}).
	 * @return the state the file holds, or the problem with it
	 * @throws IllegalStateException if beats are kept in memory only
	 */
	public StateFileReading inspectStateFile() {
		if (this.stateFile == null) {
			throw new IllegalStateException("This heartbeat has no state file");
		}
		return HeartbeatState.inspect(this.stateFile.path());
	}

	/**
	 * The status of each target, as its checks found it; a target whose first check has not
	 * answered yet is left out, as it is from the state file.
	 * @return target statuses by name, in the order the targets were given
	 */
	public Map<String, TargetStatus> targets() {
		return writtenTargets();
	}

	// on every beat: a heartbeat without targets allocates no map for them
	private Map<String, TargetStatus> writtenTargetsFrozen() {
		return this.targets.isEmpty() ? FrozenMap.empty() : FrozenMap.adopt(writtenTargets());
	}

	private LinkedHashMap<String, TargetStatus> writtenTargets() {
		LinkedHashMap<String, TargetStatus> statuses = new LinkedHashMap<>();
		for (TargetWatch watch : this.targets) {
			TargetStatus written = watch.writtenStatus();
			if (written != null) {
				statuses.put(watch.name(), written);
			}
		}
		return statuses;
	}

	/**
	 * What the heartbeat knows of each target: its status, failures, recovery attempts and
	 * escalation.
	 * @return a report for each target, in the order the targets were given
	 */
	public List<TargetReport> targetReports() {
		return this.targets.stream().map(TargetWatch::report).toList();
	}

	/**
	 * Whether a critical target ran out of recovery attempts and is still dead.
	 * @return {@code true} while any target is escalated
	 */
	public boolean isEscalated() {
		// asked by every health check: a loop, not a stream
		for (TargetWatch watch : this.targets) {
			if (watch.isEscalated()) {
				return true;
			}
		}
		return false;
	}

	/**
	 * The latest beat attempts, written or not.
	 * @return up to the last 20 outcomes, oldest first
	 */
	public List<BeatOutcome> recentBeats() {
		this.beatLock.lock();
		try {
			return List.copyOf(this.recentBeats);
		}
		finally {
			this.beatLock.unlock();
		}
	}

	/**
	 * The time since the last beat was written, measured with the monotonic {@link Ticker}, so that
	 * a wall-clock step changes nothing.
	 * @return the time since the last written beat, or empty before the first
	 */
	public Optional<Duration> timeSinceLastBeat() {
		if (this.lastState == null) {
			return Optional.empty();
		}
		return Optional.of(Duration.ofNanos(this.ticker.nanoTime() - this.lastSuccessNanos));
	}

	/**
	 * The clock that timestamps beats.
	 * @return the clock
	 */
	public Clock clock() {
		return this.clock;
	}

	void tick() {
		this.beatThread = Thread.currentThread();
		try {
			if (isCatchUp(this.ticker.nanoTime())) {
				return;
			}
			TargetContext context = targetContext();
			// checks start before the write: a quick one is in this beat, a slow one never delays it
			this.targets.forEach((watch) -> watch.beat(context));
			WorkerPool pool = this.workers;
			if (pool != null) {
				pool.checkStalls();
			}
			beatAndReport(this.status);
		}
		catch (Throwable ex) {
			// a periodic task that throws is never run again: nothing may escape a tick
			logger.error("Heartbeat beat failed unexpectedly; the next beat goes on", ex);
		}
		finally {
			CountDownLatch started = this.firstBeat;
			if (started != null) {
				started.countDown();
			}
		}
	}

	/**
	 * Whether this run only catches up with runs a pause made the executor miss: after a pause,
	 * one beat reports the gap and the ones it missed are not written in a burst.
	 */
	private boolean isCatchUp(long now) {
		long period = this.interval.toNanos();
		if (this.ticked) {
			long gap = now - this.lastTickNanos;
			if (gap < period / 2) {
				return true;
			}
			if (gap > period + period / 2) {
				HeartbeatException paused = new HeartbeatException("The heartbeat was paused: " + Duration.ofNanos(gap)
						+ " passed between two beats due " + this.interval + " apart (a stop-the-world pause, "
						+ "a suspended process or an overloaded machine)");
				logger.warn(paused.getMessage());
				this.listeners.onMissedBeat(paused);
			}
		}
		this.ticked = true;
		this.lastTickNanos = now;
		return false;
	}

	private TargetContext targetContext() {
		TargetContext context = this.targetContext;
		if (context == null) {
			// ticked without start(), as tests do: checks and callbacks run where the builder said
			Executor callbacks = (this.callbackExecutor != null) ? this.callbackExecutor : Runnable::run;
			this.listeners.deliverOn(callbacks);
			context = new TargetContext(callbacks, this.listeners, this.ticker, this.clock, this.interval,
					this.targetTimeout, this.escalatedCount);
			this.targetContext = context;
		}
		return context;
	}

	private @Nullable BeatOutcome beatAndReport(HeartbeatStatus status) {
		HeartbeatState state = null;
		HeartbeatException failure = null;
		BeatOutcome outcome;
		this.beatLock.lock();
		try {
			// a late scheduled beat must not overwrite the last beat that stop() wrote
			if (!this.running) {
				return null;
			}
			try {
				state = writeLocked(status);
			}
			catch (HeartbeatException ex) {
				failure = ex;
			}
			// read under the same lock: a concurrent beat must not swap outcomes between listeners
			outcome = this.recentBeats.getLast();
		}
		finally {
			this.beatLock.unlock();
		}
		this.listeners.onBeatOutcome(outcome);
		if (failure != null) {
			this.listeners.onMissedBeat(failure);
		}
		else if (state != null) {
			this.listeners.onBeat(state);
		}
		return outcome;
	}

	private HeartbeatState write(HeartbeatStatus status) {
		this.beatLock.lock();
		try {
			return writeLocked(status);
		}
		finally {
			this.beatLock.unlock();
		}
	}

	private HeartbeatState writeLocked(HeartbeatStatus status) {
		long started = this.ticker.nanoTime();
		this.seq++;
		Instant timestamp = this.clock.instant().truncatedTo(ChronoUnit.MICROS);
		HeartbeatState state = new HeartbeatState(timestamp, ProcessIdentity.PID, ProcessIdentity.HOSTNAME, metadata(),
				status, this.seq, this.interval, writtenTargetsFrozen(), timestamp.plus(this.maxAge));
		try {
			if (this.stateFile != null) {
				writeFile(this.stateFile, state);
			}
		}
		catch (HeartbeatException ex) {
			record(new BeatOutcome(state.seq(), state.timestamp(), Duration.ofNanos(this.ticker.nanoTime() - started), ex));
			throw ex;
		}
		long finished = this.ticker.nanoTime();
		record(new BeatOutcome(state.seq(), state.timestamp(), Duration.ofNanos(finished - started), null));
		this.lastSuccessNanos = finished;
		this.lastState = state;
		this.lastFailure = null;
		if (this.failing) {
			this.failing = false;
			logger.info("Heartbeat writes its state file again");
		}
		else if (logger.isDebugEnabled()) {
			logger.debug("Heartbeat beat " + state.seq() + " (" + status + ")");
		}
		return state;
	}

	private void record(BeatOutcome outcome) {
		if (this.recentBeats.size() == RECENT_BEATS) {
			this.recentBeats.removeFirst();
		}
		this.recentBeats.addLast(outcome);
	}

	private BeatOutcome lastOutcome() {
		this.beatLock.lock();
		try {
			return this.recentBeats.getLast();
		}
		finally {
			this.beatLock.unlock();
		}
	}

	private void writeFile(StateFile file, HeartbeatState state) {
		try {
			file.write(StateJson.write(state));
		}
		catch (IOException | RuntimeException ex) {
			HeartbeatException failure = new HeartbeatException(
					"Failed to write heartbeat to " + file.path() + ": " + ex, ex);
			this.lastFailure = failure;
			if (!this.failing) {
				// once per episode, not once per beat: a full disk stays full for a while
				this.failing = true;
				logger.warn(failure.getMessage() + "; trying again on every beat");
			}
			else if (logger.isDebugEnabled()) {
				logger.debug("Heartbeat missed beat " + state.seq() + ": " + failure.getMessage());
			}
			throw failure;
		}
	}

	private Map<String, Object> metadata() {
		if (this.contributors.isEmpty()) {
			return this.metadata;
		}
		LinkedHashMap<String, Object> merged = new LinkedHashMap<>(this.metadata);
		for (HeartbeatMetadataContributor contributor : this.contributors) {
			try {
				Map<String, ?> contributed = contributor.metadata();
				StateJson.check(contributed);
				merged.putAll(contributed);
			}
			catch (Throwable ex) {
				logger.warn("Heartbeat metadata contributor " + contributor + " failed and is left out of this beat: "
						+ ex.getMessage());
			}
		}
		return FrozenMap.adopt(merged);
	}

	private void applyStopAction() {
		try {
			switch (this.stopAction) {
				case MARK -> {
					HeartbeatState last = write(HeartbeatStatus.STOPPED);
					this.listeners.onBeatOutcome(lastOutcome());
					this.listeners.onBeat(last);
				}
				case DELETE -> {
					if (this.stateFile != null) {
						this.stateFile.delete();
					}
				}
				case KEEP -> {
				}
			}
		}
		catch (IOException | HeartbeatException ex) {
			logger.warn("Heartbeat could not " + this.stopAction.name().toLowerCase() + " its state file on stop: " + ex);
		}
	}

	private ScheduledThreadPoolExecutor newExecutor() {
		ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, (runnable) -> {
			Thread thread = new Thread(runnable, THREAD_NAME);
			thread.setDaemon(true);
			return thread;
		});
		executor.setRemoveOnCancelPolicy(true);
		return executor;
	}

	private void awaitTermination(ScheduledThreadPoolExecutor stopping) {
		if (Thread.currentThread() == this.beatThread) {
			// stopped from a listener: the beat in progress is this thread's own
			return;
		}
		try {
			if (!stopping.awaitTermination(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
				logger.warn("Heartbeat beat did not finish within " + STOP_TIMEOUT + " of stop; interrupting it");
				stopping.shutdownNow();
			}
		}
		catch (InterruptedException ex) {
			stopping.shutdownNow();
			Thread.currentThread().interrupt();
		}
	}

	private void awaitQuietly(CountDownLatch started) {
		try {
			started.await(this.interval.toNanos(), TimeUnit.NANOSECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private String describeStateFile() {
		return (this.stateFile != null) ? this.stateFile.path().toString() : "none (beats kept in memory)";
	}

	private static Duration clamp(Duration requested) {
		Duration used = requested;
		if (requested.compareTo(MIN_INTERVAL) < 0) {
			used = MIN_INTERVAL;
		}
		else if (requested.compareTo(MAX_INTERVAL) > 0) {
			used = MAX_INTERVAL;
		}
		if (!used.equals(requested)) {
			logger.warn("Heartbeat interval " + requested + " is outside [" + MIN_INTERVAL + ", " + MAX_INTERVAL
					+ "]; using " + used);
		}
		return used;
	}

	/**
	 * Builds a {@link Heartbeat}.
	 */
	public static final class Builder {

		private @Nullable Path stateFile;

		private boolean fsync;

		private Set<PosixFilePermission> filePermissions = StateFile.DEFAULT_PERMISSIONS;

		private Duration interval = DEFAULT_INTERVAL;

		private @Nullable Duration maxAge;

		private final Map<String, Object> metadata = new LinkedHashMap<>();

		private final List<HeartbeatMetadataContributor> contributors = new ArrayList<>();

		private final Map<String, HeartbeatTarget> targets = new LinkedHashMap<>();

		private RecoveryPolicy recoveryPolicy = RecoveryPolicy.DEFAULT;

		private final Map<String, RecoveryPolicy> targetPolicies = new LinkedHashMap<>();

		private Ticker ticker = Ticker.system();

		private @Nullable Executor callbackExecutor;

		private @Nullable Duration targetTimeout;

		private final List<HeartbeatListener> listeners = new ArrayList<>();

		private Clock clock = Clock.systemUTC();

		private HeartbeatStatus initialStatus = HeartbeatStatus.UP;

		private StopAction stopAction = StopAction.MARK;

		private Builder() {
		}

		/**
		 * The file to write each beat to. Without one, beats are kept in memory only.
		 * @param stateFile the state file, or {@code null} for none
		 * @return this builder
		 */
		public Builder stateFile(@Nullable Path stateFile) {
			this.stateFile = stateFile;
			return this;
		}

		/**
		 * Whether to force each beat to disk before it replaces the state file. Off by default: a beat
		 * lost in a power cut would be stale anyway, and forcing costs a disk flush per beat.
		 * @param fsync {@code true} to force each beat to disk
		 * @return this builder
		 */
		public Builder fsync(boolean fsync) {
			this.fsync = fsync;
			return this;
		}

		/**
		 * The permissions of the state file and its lock file, on file systems that have POSIX
		 * permissions.
		 * @param filePermissions the permissions, {@code rw-r--r--} by default
		 * @return this builder
		 */
		public Builder filePermissions(Set<PosixFilePermission> filePermissions) {
			this.filePermissions = Set.copyOf(filePermissions);
			return this;
		}

		/**
		 * The time between two beats, clamped to [1 s, 300 s] (a clamped value is logged).
		 * @param interval the interval, 10 s by default
		 * @return this builder
		 */
		public Builder interval(Duration interval) {
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
		public Builder maxAge(Duration maxAge) {
			this.maxAge = maxAge;
			return this;
		}

		/**
		 * Static values written with every beat, added to any given before.
		 * @param metadata the values, keyed by name
		 * @return this builder
		 * @throws IllegalArgumentException if a value cannot be written as JSON
		 */
		public Builder metadata(Map<String, ?> metadata) {
			StateJson.check(metadata);
			this.metadata.putAll(metadata);
			return this;
		}

		/**
		 * Add a contributor of values written with every beat.
		 * @param contributor the contributor
		 * @return this builder
		 */
		public Builder metadataContributor(HeartbeatMetadataContributor contributor) {
			this.contributors.add(contributor);
			return this;
		}

		/**
		 * Add a target to watch, reported under its {@link HeartbeatTarget#name()}.
		 * @param target the target
		 * @return this builder
		 */
		public Builder target(HeartbeatTarget target) {
			return target(target.name(), target);
		}

		/**
		 * Add a target to watch, reported under the given name.
		 * @param name the name to report the target under
		 * @param target the target
		 * @return this builder
		 * @throws DuplicateTargetNameException if another target has that name
		 */
		public Builder target(String name, HeartbeatTarget target) {
			HeartbeatTarget existing = this.targets.putIfAbsent(name, target);
			if (existing != null) {
				throw new DuplicateTargetNameException(name, existing, target);
			}
			return this;
		}

		/**
		 * The recovery policy of every target without one of its own.
		 * @param policy the policy, {@link RecoveryPolicy#DEFAULT} by default
		 * @return this builder
		 */
		public Builder recoveryPolicy(RecoveryPolicy policy) {
			this.recoveryPolicy = policy;
			return this;
		}

		/**
		 * The recovery policy of one target.
		 * @param targetName the name the target is reported under
		 * @param policy the policy
		 * @return this builder
		 */
		public Builder recoveryPolicy(String targetName, RecoveryPolicy policy) {
			this.targetPolicies.put(targetName, policy);
			return this;
		}

		/**
		 * The monotonic time source that measures backoff and the time since the last beat.
		 * @param ticker the ticker, {@link Ticker#system()} by default
		 * @return this builder
		 */
		public Builder ticker(Ticker ticker) {
			this.ticker = ticker;
			return this;
		}

		/**
		 * Where target checks, recoveries and listener callbacks run, instead of the heartbeat's
		 * own pool of worker threads. A direct executor ({@code Runnable::run}) makes them
		 * synchronous, for tests.
		 * @param executor the executor; it is not shut down by the heartbeat
		 * @return this builder
		 */
		public Builder callbackExecutor(Executor executor) {
			this.callbackExecutor = executor;
			return this;
		}

		/**
		 * How long a target's check or recovery may take before the target counts as unresponsive
		 * or the recovery as timed out.
		 * @param targetTimeout the timeout, one interval by default
		 * @return this builder
		 */
		public Builder targetTimeout(Duration targetTimeout) {
			this.targetTimeout = targetTimeout;
			return this;
		}

		private RecoveryPolicy policyFor(String targetName) {
			return this.targetPolicies.getOrDefault(targetName, this.recoveryPolicy);
		}

		/**
		 * Add a listener.
		 * @param listener the listener
		 * @return this builder
		 */
		public Builder listener(HeartbeatListener listener) {
			this.listeners.add(listener);
			return this;
		}

		/**
		 * The clock that timestamps beats.
		 * @param clock the clock, {@link Clock#systemUTC()} by default
		 * @return this builder
		 */
		public Builder clock(Clock clock) {
			this.clock = clock;
			return this;
		}

		/**
		 * The status written from {@link Heartbeat#start()} until
		 * {@link Heartbeat#updateStatus(HeartbeatStatus)} changes it.
		 * @param initialStatus the status, {@link HeartbeatStatus#UP} by default
		 * @return this builder
		 */
		public Builder initialStatus(HeartbeatStatus initialStatus) {
			this.initialStatus = initialStatus;
			return this;
		}

		/**
		 * What to do with the state file on stop.
		 * @param stopAction the action, {@link StopAction#MARK} by default
		 * @return this builder
		 */
		public Builder stopAction(StopAction stopAction) {
			this.stopAction = stopAction;
			return this;
		}

		/**
		 * Build the heartbeat. It does not beat until {@link Heartbeat#start()}.
		 * @return the heartbeat
		 */
		public Heartbeat build() {
			return new Heartbeat(this);
		}

	}

}
