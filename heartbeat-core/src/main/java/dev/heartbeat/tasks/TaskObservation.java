package dev.heartbeat.tasks;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * What the scheduler shows of a task at one moment: its last run and its next one.
 *
 * @param lastStart when the last run started, or {@code null} if it never ran
 * @param lastRun how the last run went
 * @param failure the exception class and message of the last run, if it threw
 * @param nextRun when the scheduler plans the next run, if it is in the future; a
 * scheduler shows none while the task runs, once its due time has passed, or if the task
 * runs no more
 * @since 0.1.0
 */
public record TaskObservation(@Nullable Instant lastStart, LastRun lastRun, @Nullable String failure,
		@Nullable Instant nextRun) {

	/**
	 * The most characters of a failure as it is kept and sent.
	 */
	public static final int MAX_FAILURE = 500;

	/**
	 * A run's failure as it is kept and sent: the exception's class and message, on one
	 * line, cut to {@value #MAX_FAILURE} characters, never a stack trace.
	 * @param failure what the run threw
	 * @return the text
	 */
	public static String failure(Throwable failure) {
		String message = failure.getMessage();
		String text = (failure.getClass().getName() + ((message != null) ? ": " + message : "")).replaceAll("\\s+",
				" ");
		return (text.length() <= MAX_FAILURE) ? text : text.substring(0, MAX_FAILURE - 1) + "\u2026";
	}

	/**
	 * How the last run of a task went.
	 */
	public enum LastRun {

		/**
		 * The task has not run yet.
		 */
		NONE,

		/**
		 * The task runs now.
		 */
		RUNNING,

		/**
		 * The last run returned.
		 */
		SUCCEEDED,

		/**
		 * The last run threw.
		 */
		FAILED

	}

}
