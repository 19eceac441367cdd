package dev.heartbeat.autoconfigure.scheduling;

import dev.heartbeat.tasks.TaskListener;
import dev.heartbeat.tasks.TaskWatcher;

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
		this.listeners.orderedStream().forEach(this.watcher::addListener);
	}

}
