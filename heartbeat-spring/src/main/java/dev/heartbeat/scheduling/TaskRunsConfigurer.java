package dev.heartbeat.scheduling;

import dev.heartbeat.tasks.TaskWatcher;

import org.springframework.core.Ordered;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;

/**
 * Has the runs of the {@code @Scheduled} post-processor's tasks reported: wraps the
 * scheduler of its registrar, the last configurer to run (when the scheduler is set,
 * whether by the application or by Spring's own choice), in a
 * {@link RunReportingTaskScheduler}. Tasks of other {@code ScheduledTaskHolder}s, and of
 * a registrar whose scheduler is replaced after this configurer ran, are still judged,
 * but their runs are not reported.
 *
 * @since 0.1.0
 */
public final class TaskRunsConfigurer implements SchedulingConfigurer, Ordered {

	private final SpringScheduledTasks tasks;

	private final TaskWatcher watcher;

	/**
	 * Create a configurer.
	 * @param tasks the tasks, which name each run
	 * @param watcher where runs are reported
	 */
	public TaskRunsConfigurer(SpringScheduledTasks tasks, TaskWatcher watcher) {
		this.tasks = tasks;
		this.watcher = watcher;
	}

	@Override
	public void configureTasks(ScheduledTaskRegistrar registrar) {
		TaskScheduler scheduler = registrar.getScheduler();
		if (scheduler != null && !(scheduler instanceof RunReportingTaskScheduler)) {
			registrar.setTaskScheduler(new RunReportingTaskScheduler(scheduler, this.tasks, this.watcher));
		}
	}

	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

}
