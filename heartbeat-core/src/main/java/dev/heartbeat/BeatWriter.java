package dev.heartbeat;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.locks.ReentrantLock;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * Builds each beat and writes it: the state of a beat (sequence number, timestamp,
 * metadata, target statuses), its serialisation, the atomic write of the state file, and
 * a failure episode logged once.
 * <p>
 * Beats are written one at a time under the beat lock, from the beat thread or from a
 * caller of {@code beat()}, {@code beatNow()}, {@code updateStatus()} or {@code stop()};
 * the lock guards the sequence number, the failure episode and the {@link BeatHistory}
 * outcomes, and is released before the listeners are told. The metadata is collected
 * before the lock is taken, so that waiting for a contributor holds up no other writer.
 * The lifecycle {@link #open opens} the writer on start and {@link #close() closes} it on
 * stop; a writer closed by a stop writes nothing more until it is opened again.
 */
final class BeatWriter {

	private static final Log logger = LogFactory.getLog(Heartbeat.class);

	private final @Nullable StateFileChoice stateFile;

	private final Duration interval;

	private final Duration maxAge;

	private final BeatMetadata metadata;

	private final WatchedTargets targets;

	private final BeatHistory history;

	private final ListenerDispatcher listeners;

	private final Clock clock;

	private final Ticker ticker;

	private final ReentrantLock beatLock;

	private final GcPauses pauses;

	private final BeatTasks tasks;

	// set by the lifecycle: reported beats are written between start() and stop() only
	private volatile boolean open;

	// set by stop(), until the next start(): another process may own the file now
	private volatile boolean stopped;

	// set by the heartbeat's start, before its first beat
	private volatile long uncleanRestarts;

	// guarded by beatLock
	private long seq;

	private boolean failing;

	// whether the file in use was recorded as this JVM's since the writer was opened
	private boolean recordedAsOwn;

	/**
	 * Create a writer.
	 * @param stateFile the state file and its fallback, or {@code null} to keep beats in
	 * memory only
	 * @param interval the interval written with each beat
	 * @param maxAge the age at which a beat is stale
	 * @param metadata the static metadata and the contributors of metadata made anew for
	 * each beat
	 * @param targets the targets whose statuses each beat writes
	 * @param history where each beat is recorded
	 * @param listeners where reported beats are told
	 * @param clock the clock that timestamps beats
	 * @param ticker the monotonic clock that times each write
	 * @param beatLock the lock that orders beats, shared with the history
	 * @param pauses the garbage-collection pauses, each beat writing the longest since
	 * the previous one
	 * @param tasks the scheduled tasks whose states each beat writes
	 */
	BeatWriter(@Nullable StateFileChoice stateFile, Duration interval, Duration maxAge, BeatMetadata metadata,
			WatchedTargets targets, BeatHistory history, ListenerDispatcher listeners, Clock clock, Ticker ticker,
			ReentrantLock beatLock, GcPauses pauses, BeatTasks tasks) {
		this.stateFile = stateFile;
		this.interval = interval;
		this.maxAge = maxAge;
		this.metadata = metadata;
		this.targets = targets;
		this.history = history;
		this.listeners = listeners;
		this.clock = clock;
		this.ticker = ticker;
		this.beatLock = beatLock;
		this.pauses = pauses;
		this.tasks = tasks;
	}

	@Nullable StateFileChoice stateFile() {
		return this.stateFile;
	}

	Duration interval() {
		return this.interval;
	}

	Duration maxAge() {
		return this.maxAge;
	}

	Clock clock() {
		return this.clock;
	}

	/**
	 * Write reported beats from now on (on start), calling metadata contributors on the
	 * given executor.
	 * @param callbacks the heartbeat's workers
	 */
	void open(Executor callbacks) {
		this.metadata.open(callbacks);
		this.pauses.open();
		this.stopped = false;
		this.beatLock.lock();
		try {
			// the start may have claimed another file (a fallback) than the last one
			this.recordedAsOwn = false;
		}
		finally {
			this.beatLock.unlock();
		}
		this.open = true;
	}

	/**
	 * Write with each beat how many runs in a row before this one ended without a clean
	 * stop.
	 * @param uncleanRestarts the count, {@code 0} after a clean stop
	 */
	void uncleanRestarts(long uncleanRestarts) {
		this.uncleanRestarts = uncleanRestarts;
	}

	/**
	 * Write no more reported beats (on stop), so that a late one never overwrites the
	 * last beat of the stop action, and no beat by hand either until the next start.
	 */
	void close() {
		this.open = false;
		this.stopped = true;
	}

	/**
	 * Stop calling metadata contributors on the workers of the run that stopped, and stop
	 * watching pauses, once its last beat is written.
	 */
	void closeMetadata() {
		this.metadata.close();
		this.pauses.close();
	}

	/**
	 * Write a beat and tell the listeners, unless the writer is closed. Never throws: a
	 * failure is in the outcome.
	 * @param status the status to write
	 * @return the attempt, written or not, or {@code null} if the writer is closed
	 */
	@Nullable BeatOutcome writeAndReport(HeartbeatStatus status) {
		return writeAndReport(status, null);
	}

	/**
	 * Write a beat of the schedule and tell the listeners, unless the writer is closed.
	 * Never throws: a failure is in the outcome.
	 * @param status the status to write
	 * @param lateBy how late the beat started against its schedule, or {@code null} for a
	 * beat off the schedule
	 * @return the attempt, written or not, or {@code null} if the writer is closed
	 */
	@Nullable BeatOutcome writeAndReport(HeartbeatStatus status, @Nullable Duration lateBy) {
		if (!this.open) {
			return null;
		}
		Map<String, Object> metadata = this.metadata.collect();
		HeartbeatState state = null;
		HeartbeatException failure = null;
		BeatOutcome outcome;
		this.beatLock.lock();
		try {
			// a late scheduled beat must not overwrite the last beat that stop() wrote
			if (!this.open) {
				return null;
			}
			try {
				state = writeLocked(status, metadata, lateBy);
			}
			catch (HeartbeatException ex) {
				failure = ex;
			}
			// read under the same lock: a concurrent beat must not swap outcomes between
			// listeners
			outcome = this.history.latest();
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

	/**
	 * Write a beat, open or closed, and tell no listener: the last beat of a stop.
	 * @param status the status to write
	 * @return the state that was written
	 * @throws HeartbeatException if the state file cannot be written
	 */
	HeartbeatState write(HeartbeatStatus status) {
		Map<String, Object> metadata = this.metadata.collect();
		this.beatLock.lock();
		try {
			return writeLocked(status, metadata, null);
		}
		finally {
			this.beatLock.unlock();
		}
	}

	/**
	 * Write a beat by hand and tell no listener: before the first start (as the Python
	 * heartbeat's {@code beat()} does) or while running, never after a stop.
	 * @param status the status to write
	 * @return the state that was written
	 * @throws HeartbeatException if the heartbeat was stopped, or if the state file
	 * cannot be written
	 */
	HeartbeatState writeUnlessStopped(HeartbeatStatus status) {
		if (this.stopped) {
			throw stoppedException();
		}
		Map<String, Object> metadata = this.metadata.collect();
		this.beatLock.lock();
		try {
			// checked again under the lock: a stop may have begun while the metadata was
			// collected
			if (this.stopped) {
				throw stoppedException();
			}
			return writeLocked(status, metadata, null);
		}
		finally {
			this.beatLock.unlock();
		}
	}

	private HeartbeatException stoppedException() {
		return new HeartbeatException("Heartbeat is stopped: it writes no beat until it is started again"
				+ ((this.stateFile != null) ? " (another process may write " + this.stateFile.path() + " now)" : ""));
	}

	private HeartbeatState writeLocked(HeartbeatStatus status, Map<String, Object> metadata,
			@Nullable Duration lateBy) {
		long started = this.ticker.nanoTime();
		this.seq++;
		Instant timestamp = this.clock.instant().truncatedTo(ChronoUnit.MICROS);
		WatchedTargets.Written targets = this.targets.writtenFrozen();
		HeartbeatState state = new HeartbeatState(timestamp, ProcessIdentity.PID, ProcessIdentity.HOSTNAME, metadata,
				status, this.seq, this.interval, targets.statuses(), targets.reasons(), this.tasks.written(),
				timestamp.plus(this.maxAge), this.uncleanRestarts, lateBy, this.pauses.takeLongest());
		try {
			if (this.stateFile != null) {
				writeFile(this.stateFile, state);
			}
		}
		catch (HeartbeatException ex) {
			Duration took = Duration.ofNanos(this.ticker.nanoTime() - started);
			this.history.missed(new BeatOutcome(state.seq(), state.timestamp(), took, ex), ex);
			throw ex;
		}
		long finished = this.ticker.nanoTime();
		Duration took = Duration.ofNanos(finished - started);
		this.history.written(new BeatOutcome(state.seq(), state.timestamp(), took, null), state, finished);
		if (this.failing) {
			this.failing = false;
			logger.info("Heartbeat writes its state file again");
		}
		else if (logger.isDebugEnabled()) {
			logger.debug("Heartbeat beat " + state.seq() + " (" + status + ")");
		}
		return state;
	}

	private void writeFile(StateFileChoice file, HeartbeatState state) {
		try {
			file.write(StateJson.write(state));
			if (!this.recordedAsOwn) {
				// the next start in this JVM must not take its own beat for a previous
				// run
				PreviousRuns.written(file.path());
				this.recordedAsOwn = true;
			}
		}
		catch (IOException | RuntimeException ex) {
			HeartbeatException failure = new HeartbeatException(
					"Failed to write heartbeat to " + file.path() + ": " + ex, ex);
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

}
