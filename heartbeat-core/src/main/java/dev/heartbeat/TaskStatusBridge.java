package dev.heartbeat;

import dev.heartbeat.tasks.TaskListener;
import dev.heartbeat.tasks.TaskReport;
import dev.heartbeat.tasks.TaskStatus;

/**
 * Hands each change of a task's state to the heartbeat's listeners, which deliver it on
 * the heartbeat's workers: the judging thread never waits for a listener.
 */
final class TaskStatusBridge implements TaskListener {

	private final ListenerDispatcher listeners;

	TaskStatusBridge(ListenerDispatcher listeners) {
		this.listeners = listeners;
	}

	@Override
	public void onTaskStatusChanged(TaskReport task, TaskStatus previous) {
		this.listeners.onTaskStatusChanged(task, previous);
	}

}
