package dev.heartbeat.tasks;

/**
 * The state of a scheduled task, judged on every beat.
 *
 * @since 0.1.0
 */
public enum TaskStatus {

	/**
	 * The task runs on schedule and its last run, if any, succeeded.
	 */
	OK,

	/**
	 * The task's next run is later than its schedule plus its grace: it has not started
	 * when it should have (its scheduler may be busy with another task).
	 */
	OVERDUE,

	/**
	 * The task's last run threw.
	 */
	FAILED,

	/**
	 * A run of the task started longer ago than its maximum run time and has not ended.
	 */
	STUCK

}
