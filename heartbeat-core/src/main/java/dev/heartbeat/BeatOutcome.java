package dev.heartbeat;

import java.time.Duration;
import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * One beat attempt: when it was made, how long writing it took, and whether it was
 * written.
 *
 * @param seq the beat counter of the attempt
 * @param timestamp when the beat was made
 * @param duration how long building and writing the beat took
 * @param failure why the beat could not be written, or {@code null} if it was
 * @since 0.1.0
 */
public record BeatOutcome(long seq, Instant timestamp, Duration duration, @Nullable HeartbeatException failure) {

	/**
	 * Whether the beat was written.
	 * @return {@code true} if there was no failure
	 */
	public boolean isSuccess() {
		return this.failure == null;
	}

}
