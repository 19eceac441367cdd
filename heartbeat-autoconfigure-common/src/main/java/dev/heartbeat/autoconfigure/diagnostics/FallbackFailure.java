package dev.heartbeat.autoconfigure.diagnostics;

import java.util.ArrayList;
import java.util.List;

import dev.heartbeat.HeartbeatException;
import dev.heartbeat.StateFileLockedException;
import dev.heartbeat.UnusableStateFileException;

/**
 * Describes why the fallbacks of a default state file could not be used either, as the
 * heartbeat records it: suppressed by the failure of the default file.
 */
final class FallbackFailure {

	private FallbackFailure() {
	}

	/**
	 * A sentence that names the fallbacks and why each failed, or nothing if the state
	 * file had none.
	 * @param failure the failure of the state file
	 * @return the sentence, starting with a space, or an empty string
	 */
	static String describe(HeartbeatException failure) {
		List<String> fallbacks = new ArrayList<>();
		for (Throwable suppressed : failure.getSuppressed()) {
			if (suppressed instanceof StateFileLockedException locked) {
				fallbacks.add(locked.getStateFile() + " (another process writes it)");
			}
			else if (suppressed instanceof UnusableStateFileException unusable) {
				fallbacks.add(unusable.getStateFile() + " (" + unusable.getProblem().description() + ")");
			}
		}
		if (fallbacks.isEmpty()) {
			return "";
		}
		return ((fallbacks.size() == 1) ? " Its fallback cannot be used either: "
				: " Its fallbacks cannot be used either: ") + String.join(", ", fallbacks) + ".";
	}

}
