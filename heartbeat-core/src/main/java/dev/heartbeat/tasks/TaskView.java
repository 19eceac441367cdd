package dev.heartbeat.tasks;

/**
 * One task as its scheduler shows it, read again on every judging.
 *
 * @since 0.1.0
 */
public interface TaskView {

	/**
	 * The name the task is reported and configured under.
	 * @return the name, such as {@code reportJob.export}
	 */
	String name();

	/**
	 * When the task runs.
	 * @return the schedule
	 */
	TaskSchedule schedule();

	/**
	 * What the scheduler shows of the task now. Called off the beat thread; it must only
	 * read a few fields, never wait for the task.
	 * @return the last run and the next one
	 */
	TaskObservation observe();

}
