package dev.heartbeat.autoconfigure.diagnostics;

import dev.heartbeat.StateFileLockedException;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;

/**
 * Explains a state file that another process already writes.
 *
 * @since 0.1.0
 */
@Order(Ordered.HIGHEST_PRECEDENCE)
public class StateFileLockedFailureAnalyzer extends AbstractFailureAnalyzer<StateFileLockedException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, StateFileLockedException cause) {
		String holder = cause.getHolderPid().isPresent() ? "process " + cause.getHolderPid().getAsLong()
				: "another process (its pid is unknown)";
		String description = "The heartbeat state file '" + cause.getStateFile()
				+ "' (heartbeat.state-file) is already written by " + holder + ", which holds the lock on "
				+ cause.getLockFile() + ". Two processes writing one file would each report the other as alive."
				+ FallbackFailure.describe(cause);
		String action = "Stop " + holder + " if it is a leftover, or give this application its own state file: set"
				+ " heartbeat.state-file (or a distinct spring.application.name, which names the default file).";
		return new FailureAnalysis(description, action, cause);
	}

}
