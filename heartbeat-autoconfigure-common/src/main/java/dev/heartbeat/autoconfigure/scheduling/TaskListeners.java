package dev.heartbeat.autoconfigure.scheduling;

import java.time.Duration;

import dev.heartbeat.HeartbeatListener;
import dev.heartbeat.tasks.TaskListener;
import dev.heartbeat.tasks.TaskReport;
import dev.heartbeat.tasks.TaskWatcher;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;

/**
 * Adds every {@link TaskListener} bean (the heartbeat's meters among them) to the watcher
 * once all singletons exist: before the heartbeat starts, and without making the watcher
 * depend on beans that may depend on the heartbeat.
 */
final class TaskListeners implements SmartInitializingSingleton {

	private final TaskWatcher watcher;

	private final ObjectProvider<TaskListener> listeners;

	TaskListeners(TaskWatcher watcher, ObjectProvider<TaskListener> listeners) {
		this.watcher = watcher;
		this.listeners = listeners;
	}

	@Override
	public void afterSingletonsInstantiated() {
		this.listeners.orderedStream().map(TaskListeners::once).forEach(this.watcher::addListener);
	}

	// a bean that is a heartbeat listener too hears of each state change from the
	// heartbeat already: the watcher tells it only of the rest
	private static TaskListener once(TaskListener listener) {
		return (listener instanceof HeartbeatListener) ? new RunsOnly(listener) : listener;
	}

	private record RunsOnly(TaskListener listener) implements TaskListener {

		@Override
		public void onTaskWatched(TaskReport task) {
			this.listener.onTaskWatched(task);
		}

		@Override
		public void onTaskRunStarted(String taskName, String runId) {
			this.listener.onTaskRunStarted(taskName, runId);
		}

		@Override
		public void onTaskRunEnded(String taskName, String runId, Duration took, @Nullable Throwable failure) {
			this.listener.onTaskRunEnded(taskName, runId, took, failure);
		}

		@Override
		public String toString() {
			return this.listener.toString();
		}

	}

}
