package dev.heartbeat.autoconfigure.diagnostics;

import dev.heartbeat.HeartbeatException;
import dev.heartbeat.StateFileLockedException;
import dev.heartbeat.UnusableStateFileException;

/**
 * Describes why the fallback of a default state file could not be used either, as the
 * heartbeat records it: suppressed by the failure of the default file.
 */
final class FallbackFailure {

	private FallbackFailure() {
	}

	/**
	 * A sentence that names the fallback and why it failed, or nothing if the state file
	 * had no fallback.
	 * @param failure the failure of the state file
	 * @return the sentence, starting with a space, or an empty string
	 */
	static String describe(HeartbeatException failure) {
		for (Throwable suppressed : failure.getSuppressed()) {
			if (suppressed instanceof StateFileLockedException locked) {
				return " Its fallback " + locked.getStateFile() + " is written by another process too.";
			}
			if (suppressed instanceof UnusableStateFileException unusable) {
				return " Its fallback " + unusable.getStateFile() + " cannot be used either: "
						+ unusable.getProblem().description() + ".";
			}
		}
		return "";
	}

}
