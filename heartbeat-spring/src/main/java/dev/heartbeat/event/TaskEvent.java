package dev.heartbeat.event;

import dev.heartbeat.tasks.TaskReport;
import dev.heartbeat.tasks.TaskStatus;

/**
 * Base class of the events about a change of state of one watched scheduled task.
 *
 * @since 0.1.0
 */
public abstract class TaskEvent extends HeartbeatEvent {

	private static final long serialVersionUID = 1L;

	private final transient TaskReport task;

	private final TaskStatus previous;

	/**
	 * Create an event.
	 * @param source the publisher of the event
	 * @param task the task, as judged now
	 * @param previous its state before
	 */
	protected TaskEvent(Object source, TaskReport task, TaskStatus previous) {
		super(source);
		this.task = task;
		this.previous = previous;
	}

	/**
	 * The name of the task, such as {@code reportJob.export}.
	 * @return the task's name
	 */
	public String getTaskName() {
		return this.task.name();
	}

	/**
	 * The task, as judged when its state changed: its state, why, its last run and its
	 * next one.
	 * @return the task's report
	 */
	public TaskReport getTask() {
		return this.task;
	}

	/**
	 * The state of the task before this change.
	 * @return the previous state
	 */
	public TaskStatus getPrevious() {
		return this.previous;
	}

}
