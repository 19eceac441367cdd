package dev.heartbeat.tasks;

import java.util.List;

/**
 * The tasks a scheduler knows, asked on every judging so that tasks scheduled later are
 * seen and cancelled ones dropped.
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface TaskSource {

	/**
	 * The tasks scheduled now. Called off the beat thread, one call at a time.
	 * @return the tasks, in the order they should be reported
	 */
	List<TaskView> tasks();

	/**
	 * Whether every task scheduled at start is scheduled now, so that a setting that
	 * names no task can be told apart from a task not scheduled yet.
	 * @return {@code true} by default
	 */
	default boolean complete() {
		return true;
	}

}
