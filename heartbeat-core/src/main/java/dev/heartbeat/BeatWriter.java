package dev.heartbeat;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
 * outcomes, and is released before the listeners are told. The lifecycle {@link #open()
 * opens} the writer on start and {@link #close() closes} it on stop.
 */
final class BeatWriter {

	private static final Log logger = LogFactory.getLog(Heartbeat.class);

	private final @Nullable StateFileChoice stateFile;

	private final Duration interval;

	private final Duration maxAge;

	private final Map<String, Object> metadata;

	private final List<HeartbeatMetadataContributor> contributors;

	private final WatchedTargets targets;

	private final BeatHistory history;

	private final ListenerDispatcher listeners;

	private final Clock clock;

	private final Ticker ticker;

	private final ReentrantLock beatLock;

	// set by the lifecycle: reported beats are written between start() and stop() only
	private volatile boolean open;

	// guarded by beatLock
	private long seq;

	private boolean failing;

	/**
	 * Create a writer.
	 * @param stateFile the state file and its fallback, or {@code null} to keep beats in
	 * memory only
	 * @param interval the interval written with each beat
	 * @param maxAge the age at which a beat is stale
	 * @param metadata the static metadata, frozen in insertion order
	 * @param contributors the contributors of metadata made anew for each beat
	 * @param targets the targets whose statuses each beat writes
	 * @param history where each beat is recorded
	 * @param listeners where reported beats are told
	 * @param clock the clock that timestamps beats
	 * @param ticker the monotonic clock that times each write
	 * @param beatLock the lock that orders beats, shared with the history
	 */
	BeatWriter(@Nullable StateFileChoice stateFile, Duration interval, Duration maxAge, Map<String, Object> metadata,
			List<HeartbeatMetadataContributor> contributors, WatchedTargets targets, BeatHistory history,
			ListenerDispatcher listeners, Clock clock, Ticker ticker, ReentrantLock beatLock) {
		this.stateFile = stateFile;
		this.interval = interval;
		this.maxAge = maxAge;
		this.metadata = metadata;
		this.contributors = contributors;
		this.targets = targets;
		this.history = history;
		this.listeners = listeners;
		this.clock = clock;
		this.ticker = ticker;
		this.beatLock = beatLock;
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
	 * Write reported beats from now on (on start).
	 */
	void open() {
		this.open = true;
	}

	/**
	 * Write no more reported beats (on stop), so that a late one never overwrites the
	 * last beat of the stop action.
	 */
	void close() {
		this.open = false;
	}

	/**
	 * Write a beat and tell the listeners, unless the writer is closed. Never throws: a
	 * failure is in the outcome.
	 * @param status the status to write
	 * @return the attempt, written or not, or {@code null} if the writer is closed
	 */
	@Nullable BeatOutcome writeAndReport(HeartbeatStatus status) {
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
				state = writeLocked(status);
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
	 * Write a beat, open or closed, and tell no listener.
	 * @param status the status to write
	 * @return the state that was written
	 * @throws HeartbeatException if the state file cannot be written
	 */
	HeartbeatState write(HeartbeatStatus status) {
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
				status, this.seq, this.interval, this.targets.writtenFrozen(), timestamp.plus(this.maxAge));
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

}
