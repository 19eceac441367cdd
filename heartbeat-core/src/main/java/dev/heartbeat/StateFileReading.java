package dev.heartbeat;

import org.jspecify.annotations.Nullable;

/**
 * The outcome of reading a state file: a state, or the problem that kept it from being
 * one.
 *
 * @param state the state read, or {@code null} if there is a problem
 * @param problem what is wrong with the file in one line, or {@code null} if the state
 * was read
 * @see HeartbeatState#inspect(java.nio.file.Path)
 * @since 0.1.0
 */
public record StateFileReading(@Nullable HeartbeatState state, @Nullable String problem) {

	static StateFileReading of(HeartbeatState state) {
		return new StateFileReading(state, null);
	}

	static StateFileReading problem(String problem) {
		return new StateFileReading(null, problem);
	}

}
