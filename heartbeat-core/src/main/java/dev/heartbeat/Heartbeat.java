package dev.heartbeat;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledThreadPoolExecutor;

import dev.heartbeat.tasks.TaskReport;
import dev.heartbeat.tasks.TaskWatcher;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * A background heartbeat: at a fixed rate, it checks its {@link HeartbeatTarget targets},
 * atomically rewrites a JSON state file, tells its {@link HeartbeatListener listeners},
 * and recovers dead targets.
 * <p>
 * Beats run on the heartbeat's own daemon thread, named {@code heartbeat}; the first is
 * written by {@link #start()}. A beat that cannot be written is reported to
 * {@link HeartbeatListener#onMissedBeat} and the next one tries again. Closing a
 * heartbeat stops it, so that try-with-resources plays the role of the Python heartbeat's
 * context manager: <pre class="code">
 * try (Heartbeat heartbeat = Heartbeat.builder().stateFile(path).build()) {
 *     heartbeat.start();
 *     // work while the heartbeat beats
 * }
 * </pre>
 * <p>
 * Every method may be called from any thread. Beats are written one at a time: on the
 * heartbeat's thread, or on the thread that calls {@link #beat()}, {@link #beatNow()} or
 * {@link #updateStatus(HeartbeatStatus)}. Target checks, recoveries and listener
 * callbacks run on worker threads (see
 * {@link HeartbeatBuilder#callbackExecutor(Executor)}).
 *
 * @since 0.1.0
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

	/**
	 * The longest a beat waits for a metadata contributor unless told otherwise (and
	 * never more than half the interval).
	 */
	public static final Duration DEFAULT_METADATA_TIMEOUT = Duration.ofSeconds(1);

	/**
	 * How many unclean endings in a row make the start warn of a crash loop unless told
	 * otherwise.
	 */
	public static final int DEFAULT_CRASH_LOOP_THRESHOLD = 3;

	// a beat takes microseconds: one still running after this is stuck in a target's
	// check
	static final Duration STOP_TIMEOUT = Duration.ofSeconds(5);

	// the first beat waits for the disk and, at most once, for the metadata timeout:
	// start() waits no longer than this (or one interval) whatever else happens
	static final Duration FIRST_BEAT_TIMEOUT = Duration.ofSeconds(5);

	private static final Log logger = LogFactory.getLog(Heartbeat.class);

	private final @Nullable StateFileChoice stateFile;

	private final ListenerDispatcher listeners;

	private final @Nullable Executor callbackExecutor;

	private final HeartbeatStatus initialStatus;

	private final StopAction stopAction;

	private final int crashLoopThreshold;

	// the parts of a beat, one job each: when it runs, the targets, the write, what is
	// remembered
	private final BeatSchedule schedule;

	private final WatchedTargets targets;

	private final BeatWriter writer;

	private final BeatHistory history;

	private final BeatTasks tasks;

	// held through the whole of start() and stop(): one may not begin while the other is
	// under way
	private final Object lifecycleMonitor = new Object();

	// guarded by lifecycleMonitor; the beat thread reads it after start() set it
	private volatile @Nullable WorkerPool workers;

	private volatile boolean running;

	private volatile boolean shutdown;

	private volatile HeartbeatStatus status;

	// the last run of another process that a start found in the state file: kept when
	// this process starts again on a file of its own
	private volatile @Nullable PreviousRun previousRun;

	Heartbeat(BeatSchedule schedule, WatchedTargets targets, BeatWriter writer, BeatHistory history,
			ListenerDispatcher listeners, @Nullable Executor callbackExecutor, HeartbeatStatus initialStatus,
			StopAction stopAction, int crashLoopThreshold, BeatTasks tasks) {
		this.stateFile = writer.stateFile();
		this.listeners = listeners;
		this.callbackExecutor = callbackExecutor;
		this.initialStatus = initialStatus;
		this.stopAction = stopAction;
		this.crashLoopThreshold = crashLoopThreshold;
		this.status = initialStatus;
		this.schedule = schedule;
		this.targets = targets;
		this.writer = writer;
		this.history = history;
		this.tasks = tasks;
	}

	/**
	 * Start building a heartbeat.
	 * @return a new builder
	 */
	public static HeartbeatBuilder builder() {
		return new HeartbeatBuilder();
	}

	/**
	 * Start beating: write the first beat now, then one every {@link #interval()} on the
	 * heartbeat's thread. Returns once the first beat was attempted, and in any case
	 * within a bounded time (5 s, or one interval if shorter), whatever targets,
	 * listeners and metadata contributors do. A heartbeat that was stopped starts again
	 * as it first did: its targets are checked and recovered again, and its listeners
	 * told of every beat.
	 * <p>
	 * Before the first beat, once it holds the state file's lock, it reads the beat that
	 * the file holds: if another process wrote it, that is the {@link #previousRun()
	 * previous run}, logged and told to the listeners first.
	 * <p>
	 * {@code start()} and {@link #stop()} run one at a time: called from two threads at
	 * once, one waits for the other, and the heartbeat ends up either running or stopped,
	 * never in between.
	 * @throws HeartbeatException if the heartbeat is already running or was shut down
	 * @throws StateFileLockedException if another process writes the state file, and no
	 * {@link HeartbeatBuilder#fallbackStateFiles(List) fallback} can be used
	 * @throws UnusableStateFileException if the state file is a directory, its directory
	 * cannot be made or used, or another user owns it in a shared directory, and no
	 * fallback can be used
	 */
	public void start() {
		synchronized (this.lifecycleMonitor) {
			if (this.shutdown) {
				throw new HeartbeatException("Heartbeat is shut down");
			}
			if (this.running) {
				throw new HeartbeatException("Heartbeat is already running");
			}
			PreviousRun found = null;
			if (this.stateFile != null) {
				// refuses a file another process writes, or one that can never be written
				this.stateFile.claim();
				// read under the lock, before the first beat replaces it: a previous
				// owner's, never a live peer's
				found = PreviousRuns.find(this.stateFile.path(), clock().instant());
			}
			if (found != null) {
				this.previousRun = found;
				this.writer.uncleanRestarts(found.uncleanRestarts());
				PreviousRuns.log(found, this.crashLoopThreshold);
			}
			CountDownLatch started;
			try {
				started = run(found);
			}
			catch (RuntimeException | Error ex) {
				abandonStart();
				throw ex;
			}
			logger.info("Heartbeat started: state file " + describeStateFile() + ", interval " + interval()
					+ ", max age " + maxAge() + ", targets " + this.targets);
			this.schedule.awaitFirstBeat(started);
		}
	}

	// under the lifecycle monitor, with the state file claimed
	private CountDownLatch run(@Nullable PreviousRun found) {
		this.status = this.initialStatus;
		Executor callbacks = this.callbackExecutor;
		if (callbacks == null) {
			WorkerPool pool = new WorkerPool(THREAD_NAME + "-worker-");
			this.workers = pool;
			callbacks = pool;
		}
		this.listeners.deliverOn(callbacks);
		this.targets.open(callbacks);
		this.running = true;
		this.writer.open(callbacks);
		if (found != null) {
			// queued before the first beat: each listener hears of it first
			this.listeners.onPreviousRun(found);
		}
		return this.schedule.start(this::tick);
	}

	// under the lifecycle monitor: a start that failed half-way lets go of what it took
	private void abandonStart() {
		this.running = false;
		this.writer.close();
		ScheduledThreadPoolExecutor executor = this.schedule.cancel();
		if (executor != null) {
			executor.shutdownNow();
		}
		this.listeners.deliverOn(null);
		this.targets.close();
		this.writer.closeMetadata();
		shutdownWorkers();
		if (this.stateFile != null) {
			this.stateFile.release(() -> {
			});
		}
	}

	/**
	 * Stop beating. Lets a beat in progress finish, then applies the {@link StopAction}
	 * and lets go of the state file: from then on {@link #beat()} refuses to write it,
	 * since another process may own it, until the heartbeat is started again. Does
	 * nothing if the heartbeat is not running.
	 */
	public void stop() {
		synchronized (this.lifecycleMonitor) {
			if (!this.running) {
				return;
			}
			this.running = false;
			this.writer.close();
			ScheduledThreadPoolExecutor stopping = this.schedule.cancel();
			if (stopping != null) {
				this.schedule.awaitStopped(stopping);
			}
			if (this.stateFile != null) {
				// the last heartbeat of this JVM to write the file applies the stop
				// action, then lets the lock go
				this.stateFile.release(this::applyStopAction);
			}
			else {
				applyStopAction();
			}
			this.listeners.awaitDelivery(STOP_TIMEOUT);
			this.listeners.deliverOn(null);
			this.targets.close();
			this.writer.closeMetadata();
			shutdownWorkers();
		}
		logger.info("Heartbeat stopped (" + this.stopAction.name().toLowerCase() + ")");
	}

	private void shutdownWorkers() {
		WorkerPool stoppingWorkers = this.workers;
		this.workers = null;
		if (stoppingWorkers != null) {
			// a check or recovery still hanging now never will return: interrupt it
			stoppingWorkers.shutdownNow();
		}
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
	 * Write a beat now, with the last known status of each target. A heartbeat that was
	 * never started writes it by hand, as the Python heartbeat's {@code beat()} does; one
	 * that was stopped writes nothing until it is started again, since another process
	 * may own its state file by then.
	 * @return the state that was written
	 * @throws HeartbeatException if the heartbeat was stopped, or if the state file
	 * cannot be written
	 */
	public HeartbeatState beat() {
		return this.writer.writeUnlessStopped(this.status);
	}

	/**
	 * Write a beat now, between two scheduled beats, and report it to the listeners like
	 * any other beat (unlike {@link #beat()}, it never throws: a failure is in the
	 * outcome). Does nothing unless the heartbeat is running, so that it never overwrites
	 * the last beat of {@link #stop()}.
	 * @return the attempt, written or not, or empty if the heartbeat is not running
	 */
	public Optional<BeatOutcome> beatNow() {
		return Optional.ofNullable(this.writer.writeAndReport(this.status));
	}

	/**
	 * Change the status written with each beat and, if the heartbeat is running, write a
	 * beat now so that the state file shows the change at once. The beat is reported to
	 * the listeners like any other.
	 * @param status the new status
	 */
	public void updateStatus(HeartbeatStatus status) {
		this.status = status;
		if (this.running) {
			this.writer.writeAndReport(status);
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
		return this.writer.interval();
	}

	/**
	 * The oldest a beat may be before it is stale.
	 * @return the maximum age, three intervals unless set
	 */
	public Duration maxAge() {
		return this.writer.maxAge();
	}

	/**
	 * The state file this heartbeat writes: the one it was built with or, if
	 * {@link #start()} found that one taken or unusable, one of its
	 * {@link HeartbeatBuilder#fallbackStateFiles(List) fallbacks}.
	 * @return the absolute path of the state file in use, or empty if beats are kept in
	 * memory only
	 */
	public Optional<Path> stateFile() {
		return Optional.ofNullable(this.stateFile).map(StateFileChoice::path);
	}

	/**
	 * How the previous run of the application ended: the run of another process that last
	 * wrote the state file, found by {@link #start()} before its first beat. A heartbeat
	 * started again in this process keeps what it found before, unless another process
	 * wrote the file meanwhile.
	 * @return the previous run, or empty if there was no state file, it could not be
	 * read, or this process wrote it
	 */
	public Optional<PreviousRun> previousRun() {
		return Optional.ofNullable(this.previousRun);
	}

	/**
	 * The status written with each beat.
	 * @return the current status
	 */
	public HeartbeatStatus status() {
		return this.status;
	}

	/**
	 * The last beat that was written, kept in memory (with no state file, the only record
	 * of it).
	 * @return the last state written, or empty before the first beat
	 */
	public Optional<HeartbeatState> lastState() {
		return Optional.ofNullable(this.history.lastState());
	}

	/**
	 * Why the most recent beat could not be written.
	 * @return the failure of the most recent beat, or empty if it was written
	 */
	public Optional<HeartbeatException> lastFailure() {
		return Optional.ofNullable(this.history.lastFailure());
	}

	/**
	 * Read this heartbeat's state file as any reader would
	 * ({@link HeartbeatState#inspect}).
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
	 * The status of each target, as its checks found it; a target whose first check has
	 * not answered yet is left out, as it is from the state file.
	 * @return target statuses by name, in the order the targets were given
	 */
	public Map<String, TargetStatus> targets() {
		return this.targets.written();
	}

	/**
	 * What the heartbeat knows of each target: its status, failures, recovery attempts
	 * and escalation.
	 * @return a report for each target, in the order the targets were given
	 */
	public List<TargetReport> targetReports() {
		return this.targets.reports();
	}

	/**
	 * What the heartbeat knows of each scheduled task it watches (see
	 * {@link HeartbeatBuilder#tasks(TaskWatcher)}), as last judged.
	 * @return a report for each task, or an empty list if it watches none
	 */
	public List<TaskReport> taskReports() {
		return this.tasks.reports();
	}

	/**
	 * What the heartbeat knows of one scheduled task it watches, as last judged.
	 * @param name the task's name
	 * @return its report, or empty if no task of that name was judged
	 */
	public Optional<TaskReport> taskReport(String name) {
		return this.tasks.report(name);
	}

	/**
	 * Watch a work loop that must keep moving: from the next beat on, a target of the
	 * given name is dead whenever the returned {@link Progress} was not
	 * {@link Progress#touch() touched} within the deadline (measured with this
	 * heartbeat's {@link Ticker}), and follows the recovery policy of that name, or the
	 * default one. The deadline runs from now.
	 * @param name the name the progress is reported under, as a target
	 * @param deadline the longest the loop may go without a touch
	 * @return the handle the loop touches
	 * @throws DuplicateTargetNameException if another target has that name
	 * @throws IllegalArgumentException if the deadline is not positive
	 */
	public Progress progress(String name, Duration deadline) {
		Progress progress = new Progress(name, deadline, this.targets.ticker());
		this.targets.add(name, new ProgressTarget(progress));
		return progress;
	}

	/**
	 * Whether a critical target ran out of recovery attempts and is still dead.
	 * @return {@code true} while any target is escalated
	 */
	public boolean isEscalated() {
		return this.targets.isEscalated();
	}

	/**
	 * The latest beat attempts, written or not.
	 * @return up to the last 20 outcomes, oldest first
	 */
	public List<BeatOutcome> recentBeats() {
		return this.history.recentBeats();
	}

	/**
	 * The time since the last beat was written, measured with the monotonic
	 * {@link Ticker}, so that a wall-clock step changes nothing.
	 * @return the time since the last written beat, or empty before the first
	 */
	public Optional<Duration> timeSinceLastBeat() {
		return this.history.timeSinceLastBeat();
	}

	/**
	 * The clock that timestamps beats.
	 * @return the clock
	 */
	public Clock clock() {
		return this.writer.clock();
	}

	// one beat, on the beat thread (or on a test's thread, without start())
	void tick() {
		try {
			if (!this.schedule.isDue()) {
				return;
			}
			WorkerPool pool = this.workers;
			// judged off the beat thread: this beat writes the states of the last judging
			Executor judging = (pool != null) ? pool : this.callbackExecutor;
			this.tasks.beat((judging != null) ? judging : Runnable::run);
			this.targets.beat();
			if (pool != null) {
				pool.checkStalls();
			}
			this.writer.writeAndReport(this.status, this.schedule.lateBy());
		}
		catch (Throwable ex) {
			// a periodic task that throws is never run again: nothing may escape a tick
			logger.error("Heartbeat beat failed unexpectedly; the next beat goes on", ex);
		}
		finally {
			this.schedule.attempted();
		}
	}

	private void applyStopAction() {
		try {
			switch (this.stopAction) {
				case MARK -> {
					HeartbeatState last = this.writer.write(HeartbeatStatus.STOPPED);
					this.listeners.onBeatOutcome(this.history.lastOutcome());
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
			logger
				.warn("Heartbeat could not " + this.stopAction.name().toLowerCase() + " its state file on stop: " + ex);
		}
	}

	private String describeStateFile() {
		return (this.stateFile != null) ? this.stateFile.path().toString() : "none (beats kept in memory)";
	}

}
