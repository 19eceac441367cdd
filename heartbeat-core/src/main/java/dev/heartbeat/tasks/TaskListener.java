package dev.heartbeat.tasks;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * Told of the tasks a {@link TaskWatcher} watches: each change of state and, where the
 * scheduler reports them, each run. Called on the thread that judged or ran the task: a
 * callback must return quickly and never block.
 *
 * @since 0.1.0
 */
public interface TaskListener {

	/**
	 * Called when a task is judged for the first time (it was scheduled, or the heartbeat
	 * started watching).
	 * @param task the task, as first judged
	 */
	default void onTaskWatched(TaskReport task) {
	}

	/**
	 * Called when a task's judged state changes.
	 * @param task the task, as judged now
	 * @param previous its state before
	 */
	default void onTaskStatusChanged(TaskReport task, TaskStatus previous) {
	}

	/**
	 * Called on the task's thread when a run starts.
	 * @param taskName the task
	 * @param runId an id that pairs this start with the run's end
	 */
	default void onTaskRunStarted(String taskName, String runId) {
	}

	/**
	 * Called on the task's thread when a run ends.
	 * @param taskName the task
	 * @param runId the id given when the run started
	 * @param took how long the run took
	 * @param failure what the run threw, or {@code null} if it returned
	 */
	default void onTaskRunEnded(String taskName, String runId, Duration took, @Nullable Throwable failure) {
	}

}
