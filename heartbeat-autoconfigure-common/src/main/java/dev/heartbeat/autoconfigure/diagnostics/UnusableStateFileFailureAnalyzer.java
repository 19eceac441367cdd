package dev.heartbeat.autoconfigure.diagnostics;

import java.nio.file.Path;

import dev.heartbeat.UnusableStateFileException;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;

/**
 * Explains a state file that can never be written where {@code heartbeat.state-file} puts
 * it.
 *
 * @since 0.1.0
 */
@Order(Ordered.HIGHEST_PRECEDENCE)
public class UnusableStateFileFailureAnalyzer extends AbstractFailureAnalyzer<UnusableStateFileException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, UnusableStateFileException cause) {
		Path stateFile = cause.getStateFile();
		Path directory = stateFile.getParent();
		String description = "The heartbeat state file '" + stateFile + "' (heartbeat.state-file) cannot be used: "
				+ cause.getProblem().description() + ((cause.getCause() != null) ? " (" + cause.getCause() + ")" : "")
				+ "." + FallbackFailure.describe(cause);
		String elsewhere = "or set heartbeat.state-file to a file in a writable directory (an empty value keeps beats"
				+ " in memory only).";
		String action = switch (cause.getProblem()) {
			case IS_A_DIRECTORY ->
				"Remove the directory " + stateFile + ", or set heartbeat.state-file to a file in it," + " such as "
						+ stateFile.resolve("application.heartbeat") + ".";
			case PARENT_IS_A_FILE -> "A file stands where a directory on the path to " + directory
					+ " should be: move it away, " + elsewhere;
			case PARENT_CANNOT_BE_CREATED ->
				"Create " + directory + " so that the user running the application can write it, " + elsewhere;
			case LOCK_FILE_CANNOT_BE_OPENED ->
				"Let the user running the application write " + directory + " (the heartbeat keeps "
						+ stateFile.getFileName() + ".lock and its temp files there), " + elsewhere;
			case OWNED_BY_ANOTHER_USER -> "Another user owns " + stateFile + ", and only a file's owner may replace"
					+ " it in " + directory + ": have that user remove it, " + elsewhere;
		};
		return new FailureAnalysis(description, action, cause);
	}

}
