package dev.heartbeat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import dev.heartbeat.tasks.TaskStatus;
import org.jspecify.annotations.Nullable;

/**
 * One beat, as written to the state file.
 * <p>
 * The first four components are those of the Python heartbeat's state and mean the same;
 * the others are added by this library and are absent ({@code null}, {@code 0} or empty)
 * in files written by the Python heartbeat.
 *
 * @param timestamp when the beat was written (microsecond precision)
 * @param pid the id of the process that wrote it
 * @param hostname the host the process runs on
 * @param metadata static and contributed values, in insertion order
 * @param status the process's status, or {@code null} if the writer did not say
 * @param seq the beat counter of the writer, starting at 1 ({@code 0} if the writer did
 * not say)
 * @param interval the writer's interval, or {@code null} if it did not say
 * @param targets the status of each watched target by name
 * @param targetReasons why each dead target is dead, by name, for those that said (such
 * as the threads and locks of a deadlock); empty if none did or the writer did not say
 * @param tasks the state of each watched scheduled task by name; empty if no task is
 * watched or the writer did not say
 * @param staleAfter the time after which this beat is stale ({@code timestamp + maxAge}),
 * or {@code null} if the writer did not say
 * @param uncleanRestarts how many runs in a row before this one ended without a clean
 * stop (see {@link PreviousRun#uncleanRestarts()}); {@code 0} after a clean stop or if
 * the writer did not say
 * @param lateBy how late this beat started against its fixed-rate schedule (millisecond
 * precision), or {@code null} for a beat off the schedule (written on a status change, by
 * hand or on stop) or if the writer did not say
 * @param maxPause the longest stop-the-world garbage-collection pause since the previous
 * beat (millisecond precision), or {@code null} if the writer could not tell or did not
 * say
 * @since 0.1.0
 */
public record HeartbeatState(Instant timestamp, long pid, String hostname, Map<String, Object> metadata,
		@Nullable HeartbeatStatus status, long seq, @Nullable Duration interval, Map<String, TargetStatus> targets,
		Map<String, String> targetReasons, Map<String, TaskStatus> tasks, @Nullable Instant staleAfter,
		long uncleanRestarts, @Nullable Duration lateBy, @Nullable Duration maxPause) {

	/**
	 * How far in the future a timestamp may be and still count as fresh: clocks of
	 * processes on one host agree, so more than this means the clock stepped back or the
	 * file is forged.
	 */
	public static final Duration CLOCK_SKEW_ALLOWANCE = Duration.ofSeconds(5);

	/**
	 * The most bytes read from a state file; a larger file is not a heartbeat.
	 */
	public static final int MAX_FILE_SIZE = 64 * 1024;

	/**
	 * Create a state, copying the maps so that the state is immutable.
	 * @param timestamp when the beat was written
	 * @param pid the id of the process that wrote it
	 * @param hostname the host the process runs on
	 * @param metadata static and contributed values
	 * @param status the process's status, if known
	 * @param seq the beat counter
	 * @param interval the writer's interval, if known
	 * @param targets the status of each watched target by name
	 * @param targetReasons why each dead target is dead, by name, for those that said
	 * @param tasks the state of each watched scheduled task by name
	 * @param staleAfter the time after which this beat is stale, if known
	 * @param uncleanRestarts how many runs in a row before this one ended without a clean
	 * stop
	 * @param lateBy how late this beat started against its schedule, if known
	 * @param maxPause the longest garbage-collection pause since the previous beat, if
	 * known
	 */
	public HeartbeatState {
		// the engine hands over maps it froze itself: those are kept, not copied on every
		// beat
		metadata = FrozenMap.copyOf(metadata);
		targets = FrozenMap.copyOf(targets);
		targetReasons = FrozenMap.copyOf(targetReasons);
		tasks = FrozenMap.copyOf(tasks);
	}

	/**
	 * Create a state that gives no reason for its dead targets.
	 * @param timestamp when the beat was written
	 * @param pid the id of the process that wrote it
	 * @param hostname the host the process runs on
	 * @param metadata static and contributed values
	 * @param status the process's status, if known
	 * @param seq the beat counter
	 * @param interval the writer's interval, if known
	 * @param targets the status of each watched target by name
	 * @param staleAfter the time after which this beat is stale, if known
	 */
	public HeartbeatState(Instant timestamp, long pid, String hostname, Map<String, Object> metadata,
			@Nullable HeartbeatStatus status, long seq, @Nullable Duration interval, Map<String, TargetStatus> targets,
			@Nullable Instant staleAfter) {
		this(timestamp, pid, hostname, metadata, status, seq, interval, targets, FrozenMap.empty(), FrozenMap.empty(),
				staleAfter, 0, null, null);
	}

	/**
	 * Create a state that does not say when it turns stale.
	 * @param timestamp when the beat was written
	 * @param pid the id of the process that wrote it
	 * @param hostname the host the process runs on
	 * @param metadata static and contributed values
	 * @param status the process's status, if known
	 * @param seq the beat counter
	 * @param interval the writer's interval, if known
	 * @param targets the status of each watched target by name
	 */
	public HeartbeatState(Instant timestamp, long pid, String hostname, Map<String, Object> metadata,
			@Nullable HeartbeatStatus status, long seq, @Nullable Duration interval,
			Map<String, TargetStatus> targets) {
		this(timestamp, pid, hostname, metadata, status, seq, interval, targets, FrozenMap.empty(), FrozenMap.empty(),
				null, 0, null, null);
	}

	/**
	 * Read a state file. Never throws: a missing, unreadable, oversized, truncated or
	 * malformed file gives an empty result; {@link #inspect(Path)} says why.
	 * @param stateFile the file to read
	 * @return the state, or empty if the file holds no valid state
	 */
	public static Optional<HeartbeatState> read(Path stateFile) {
		return Optional.ofNullable(inspect(stateFile).state());
	}

	/**
	 * Read a state file and say what is wrong with it, if anything. Never throws.
	 * @param stateFile the file to read
	 * @return the state, or the problem in one line
	 */
	public static StateFileReading inspect(Path stateFile) {
		return StateFileReader.read(stateFile);
	}

	/**
	 * Whether the state file holds a fresh beat: no older than {@code maxAge} (inclusive)
	 * and not in the future beyond {@link #CLOCK_SKEW_ALLOWANCE}. Never throws.
	 * @param stateFile the state file to read
	 * @param maxAge the oldest a beat may be
	 * @return {@code true} if the file holds a fresh beat
	 */
	public static boolean isAlive(Path stateFile, Duration maxAge) {
		return isAlive(stateFile, maxAge, Clock.systemUTC());
	}

	/**
	 * Whether the state file holds a fresh beat, judged by the given clock. Never throws.
	 * @param stateFile the state file to read
	 * @param maxAge the oldest a beat may be
	 * @param clock the clock that says what time it is now
	 * @return {@code true} if the file holds a fresh beat
	 */
	public static boolean isAlive(Path stateFile, Duration maxAge, Clock clock) {
		return read(stateFile).map((state) -> state.isFresh(maxAge, clock)).orElse(false);
	}

	/**
	 * How old this beat is.
	 * @param clock the clock that says what time it is now
	 * @return the time since {@link #timestamp()}, negative if the timestamp is in the
	 * future
	 */
	public Duration age(Clock clock) {
		return Duration.between(this.timestamp, clock.instant());
	}

	/**
	 * Whether this beat is fresh: no older than {@code maxAge} (inclusive, as in the
	 * Python heartbeat) and not further in the future than {@link #CLOCK_SKEW_ALLOWANCE}.
	 * @param maxAge the oldest a beat may be
	 * @param clock the clock that says what time it is now
	 * @return {@code true} if the beat is fresh
	 */
	public boolean isFresh(Duration maxAge, Clock clock) {
		Duration age = age(clock);
		return age.compareTo(maxAge) <= 0 && age.compareTo(CLOCK_SKEW_ALLOWANCE.negated()) >= 0;
	}

	/**
	 * This state as the text of a state file: what Python's
	 * {@code json.dumps(state, indent=2)} writes.
	 * @return the JSON text, ASCII only, without a trailing newline
	 */
	public String toJson() {
		return new String(StateJson.write(this), StandardCharsets.US_ASCII);
	}

	/**
	 * Whether any target was dead at this beat.
	 * @return {@code true} if a target is {@link TargetStatus#DEAD}
	 */
	public boolean hasDeadTarget() {
		return this.targets.containsValue(TargetStatus.DEAD);
	}

}
