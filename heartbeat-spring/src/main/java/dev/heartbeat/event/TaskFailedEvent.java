package dev.heartbeat.event;

import dev.heartbeat.tasks.TaskReport;
import dev.heartbeat.tasks.TaskStatus;

/**
 * Published when a watched scheduled task becomes {@link TaskStatus#FAILED}: its last run
 * threw (the exception's class and message are the report's reason).
 *
 * @since 0.1.0
 */
public class TaskFailedEvent extends TaskEvent {

	private static final long serialVersionUID = 1L;

	/**
	 * Create an event.
	 * @param source the publisher of the event
	 * @param task the task, as judged now
	 * @param previous its state before
	 */
	public TaskFailedEvent(Object source, TaskReport task, TaskStatus previous) {
		super(source, task, previous);
	}

}
