package dev.heartbeat;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;

import org.jspecify.annotations.Nullable;

/**
 * What the heartbeat remembers of its beats: the latest outcomes, the last state written,
 * the failure of the most recent beat, and the time since the last beat that was written.
 * <p>
 * The {@link BeatWriter} records each beat here, from whichever thread wrote it (the beat
 * thread, or a caller of {@code beat()}, {@code beatNow()}, {@code updateStatus()} or
 * {@code stop()}), while it holds the beat lock: the outcomes are guarded by that lock,
 * so that recording one takes no lock of its own. Callers read from any thread: the
 * outcomes under the same lock, the rest from volatile fields.
 */
final class BeatHistory {

	// the outcomes kept for recentBeats()
	static final int RECENT_BEATS = 20;

	private final ReentrantLock beatLock;

	private final Ticker ticker;

	// guarded by beatLock
	private final Deque<BeatOutcome> recentBeats = new ArrayDeque<>(RECENT_BEATS);

	private volatile @Nullable HeartbeatState lastState;

	private volatile @Nullable HeartbeatException lastFailure;

	private volatile long lastSuccessNanos;

	/**
	 * Create an empty history.
	 * @param beatLock the writer's beat lock, which guards the outcomes
	 * @param ticker the monotonic clock that measures the time since the last beat
	 */
	BeatHistory(ReentrantLock beatLock, Ticker ticker) {
		this.beatLock = beatLock;
		this.ticker = ticker;
	}

	/**
	 * Record a beat that was written, with the beat lock held.
	 * @param outcome its outcome
	 * @param state the state written
	 * @param finishedNanos when the write finished, by the ticker
	 */
	void written(BeatOutcome outcome, HeartbeatState state, long finishedNanos) {
		record(outcome);
		this.lastSuccessNanos = finishedNanos;
		this.lastState = state;
		this.lastFailure = null;
	}

	/**
	 * Record a beat that could not be written, with the beat lock held.
	 * @param outcome its outcome
	 * @param failure why it was not written
	 */
	void missed(BeatOutcome outcome, HeartbeatException failure) {
		this.lastFailure = failure;
		record(outcome);
	}

	/**
	 * The outcome of the latest beat attempt, with the beat lock held.
	 * @return the latest outcome
	 * @throws java.util.NoSuchElementException before the first attempt
	 */
	BeatOutcome latest() {
		return this.recentBeats.getLast();
	}

	/**
	 * The outcome of the latest beat attempt, taking the beat lock.
	 * @return the latest outcome
	 * @throws java.util.NoSuchElementException before the first attempt
	 */
	BeatOutcome lastOutcome() {
		this.beatLock.lock();
		try {
			return latest();
		}
		finally {
			this.beatLock.unlock();
		}
	}

	/**
	 * The latest beat attempts, written or not.
	 * @return up to the last {@value #RECENT_BEATS} outcomes, oldest first
	 */
	List<BeatOutcome> recentBeats() {
		this.beatLock.lock();
		try {
			return List.copyOf(this.recentBeats);
		}
		finally {
			this.beatLock.unlock();
		}
	}

	/**
	 * The last beat that was written.
	 * @return the last state written, or {@code null} before the first beat
	 */
	@Nullable HeartbeatState lastState() {
		return this.lastState;
	}

	/**
	 * Why the most recent beat could not be written.
	 * @return its failure, or {@code null} if it was written
	 */
	@Nullable HeartbeatException lastFailure() {
		return this.lastFailure;
	}

	/**
	 * The time since the last beat was written, by the monotonic ticker.
	 * @return the time since the last written beat, or empty before the first
	 */
	Optional<Duration> timeSinceLastBeat() {
		if (this.lastState == null) {
			return Optional.empty();
		}
		return Optional.of(Duration.ofNanos(this.ticker.nanoTime() - this.lastSuccessNanos));
	}

	private void record(BeatOutcome outcome) {
		if (this.recentBeats.size() == RECENT_BEATS) {
			this.recentBeats.removeFirst();
		}
		this.recentBeats.addLast(outcome);
	}

}
