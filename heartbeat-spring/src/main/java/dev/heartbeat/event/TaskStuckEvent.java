package dev.heartbeat.event;

import dev.heartbeat.tasks.TaskReport;
import dev.heartbeat.tasks.TaskStatus;

/**
 * Published when a watched scheduled task becomes {@link TaskStatus#STUCK}: a run started
 * longer ago than its maximum run time.
 *
 * @since 0.1.0
 */
public class TaskStuckEvent extends TaskEvent {

	private static final long serialVersionUID = 1L;

	/**
	 * Create an event.
	 * @param source the publisher of the event
	 * @param task the task, as judged now
	 * @param previous its state before
	 */
	public TaskStuckEvent(Object source, TaskReport task, TaskStatus previous) {
		super(source, task, previous);
	}

}
