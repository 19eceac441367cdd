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
