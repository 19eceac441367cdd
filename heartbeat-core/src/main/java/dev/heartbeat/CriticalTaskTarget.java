package dev.heartbeat;

import dev.heartbeat.tasks.TaskReport;
import dev.heartbeat.tasks.TaskStatus;
import dev.heartbeat.tasks.TaskWatcher;
import org.jspecify.annotations.Nullable;

/**
 * A critical scheduled task, watched as a target so that it escalates as a critical
 * target does: dead while the task is {@link TaskStatus#OVERDUE} or
 * {@link TaskStatus#STUCK} (its scheduler makes no progress), never for a run that threw.
 * Its check reads the state of the last judging, and so never waits for the task.
 */
final class CriticalTaskTarget implements HeartbeatTarget {

	/**
	 * What the name of such a target starts with, before the task's name.
	 */
	static final String PREFIX = "task:";

	private final TaskWatcher tasks;

	private final String taskName;

	CriticalTaskTarget(TaskWatcher tasks, String taskName) {
		this.tasks = tasks;
		this.taskName = taskName;
	}

	@Override
	public boolean isDead() {
		TaskStatus status = this.tasks.statuses().get(this.taskName);
		return status == TaskStatus.OVERDUE || status == TaskStatus.STUCK;
	}

	@Override
	public @Nullable String reason() {
		return this.tasks.report(this.taskName).map(TaskReport::reason).orElse(null);
	}

	@Override
	public String name() {
		return PREFIX + this.taskName;
	}

}
