package dev.heartbeat.autoconfigure.scheduling;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.heartbeat.push.PushMonitor;
import dev.heartbeat.push.TaskPushMonitor;
import dev.heartbeat.tasks.TaskWatcher;

import org.springframework.beans.factory.DisposableBean;

/**
 * A {@link TaskPushMonitor} for each task whose settings give a push URL, told of the
 * task's runs by the watcher, and closed with the context.
 */
final class TaskPushMonitors implements DisposableBean {

	private final List<TaskPushMonitor> monitors = new ArrayList<>();

	TaskPushMonitors(TaskWatcher watcher, Map<String, TaskProperties> tasks) {
		tasks.forEach((name, task) -> {
			URI url = task.getPush().getUrl();
			if (url != null) {
				TaskPushMonitor monitor = new TaskPushMonitor(name, url, PushMonitor.DEFAULT_TIMEOUT);
				watcher.addListener(monitor);
				this.monitors.add(monitor);
			}
		});
	}

	List<TaskPushMonitor> monitors() {
		return this.monitors;
	}

	@Override
	public void destroy() {
		this.monitors.forEach(TaskPushMonitor::close);
	}

}
