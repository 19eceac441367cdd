package dev.heartbeat.autoconfigure.scheduling;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.heartbeat.Heartbeat;
import dev.heartbeat.autoconfigure.HeartbeatAutoConfiguration;
import dev.heartbeat.autoconfigure.HeartbeatBuilderCustomizer;
import dev.heartbeat.scheduling.SpringScheduledTasks;
import dev.heartbeat.scheduling.TaskRunsConfigurer;
import dev.heartbeat.tasks.TaskListener;
import dev.heartbeat.tasks.TaskSettings;
import dev.heartbeat.tasks.TaskWatcher;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.LazyInitializationExcludeFilter;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.ImportRuntimeHints;
import org.springframework.core.env.Environment;
import org.springframework.scheduling.config.ScheduledTaskHolder;

/**
 * Watches every task Spring schedules ({@code @Scheduled} methods and tasks registered
 * through a {@code SchedulingConfigurer}), with no annotation: each beat judges them
 * {@code OK}, {@code OVERDUE}, {@code FAILED} or {@code STUCK} and writes them in the
 * state file; runs of the {@code @Scheduled} post-processor's tasks are counted and, for
 * a task with a push URL, pushed. Settings per task under
 * {@code heartbeat.tasks[<name>]}; off with {@code heartbeat.tasks.enabled=false}.
 *
 * @since 0.1.0
 */
// TaskSchedulingAutoConfiguration has this name on both Boot lines
@AutoConfiguration(after = HeartbeatAutoConfiguration.class,
		afterName = "org.springframework.boot.autoconfigure.task.TaskSchedulingAutoConfiguration")
@ConditionalOnBooleanProperty(name = "heartbeat.enabled", matchIfMissing = true)
@ConditionalOnBooleanProperty(name = "heartbeat.tasks.enabled", matchIfMissing = true)
@ConditionalOnBean(ScheduledTaskHolder.class)
@ImportRuntimeHints(ScheduledTaskNameRuntimeHints.class)
@Import(TasksHealthConfiguration.class)
public final class HeartbeatTasksAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	SpringScheduledTasks heartbeatScheduledTasks(ConfigurableListableBeanFactory beanFactory) {
		return new SpringScheduledTasks(beanFactory);
	}

	@Bean
	@ConditionalOnMissingBean
	TaskWatcher heartbeatTaskWatcher(SpringScheduledTasks tasks, Environment environment) {
		Map<String, TaskSettings> settings = new LinkedHashMap<>();
		TaskSettingsBinder.bind(environment).forEach((name, task) -> settings.put(name, task.toSettings()));
		// Spring times runs with the system clock; the builder sets the interval it
		// clamped
		return new TaskWatcher(tasks, settings, Heartbeat.DEFAULT_INTERVAL, Clock.systemUTC());
	}

	@Bean
	HeartbeatBuilderCustomizer heartbeatTasksBuilderCustomizer(TaskWatcher watcher) {
		return (builder) -> builder.tasks(watcher);
	}

	@Bean
	@ConditionalOnMissingBean
	TaskRunsConfigurer heartbeatTaskRunsConfigurer(SpringScheduledTasks tasks, TaskWatcher watcher) {
		return new TaskRunsConfigurer(tasks, watcher);
	}

	@Bean
	TaskListeners heartbeatTaskListeners(TaskWatcher watcher, ObjectProvider<TaskListener> listeners) {
		return new TaskListeners(watcher, listeners);
	}

	@Bean
	TaskPushMonitors heartbeatTaskPushMonitors(TaskWatcher watcher, Environment environment) {
		return new TaskPushMonitors(watcher, TaskSettingsBinder.bind(environment));
	}

	@Bean
	static LazyInitializationExcludeFilter heartbeatTasksLazyInitializationExcludeFilter() {
		// nothing asks for these: under lazy initialisation they would never exist, and
		// runs would go unreported, unpushed and uncounted
		return LazyInitializationExcludeFilter.forBeanTypes(SpringScheduledTasks.class, TaskRunsConfigurer.class,
				TaskListeners.class, TaskPushMonitors.class);
	}

}
