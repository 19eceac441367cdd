package dev.heartbeat.scheduling;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ScheduledFuture;

import dev.heartbeat.tasks.TaskWatcher;
import org.jspecify.annotations.Nullable;

import org.springframework.scheduling.TaskScheduler;
import org.springframework.scheduling.Trigger;

/**
 * A {@link TaskScheduler} that hands each task to another one, wrapped so that each run
 * is reported to a {@link TaskWatcher}: run counts, durations and run ids for per-task
 * push monitors. The futures are the other scheduler's own, so Spring's
 * {@code ScheduledTask.nextExecution()} reads them as before.
 *
 * @since 0.1.0
 */
public final class RunReportingTaskScheduler implements TaskScheduler {

	private final TaskScheduler scheduler;

	private final SpringScheduledTasks tasks;

	private final TaskWatcher watcher;

	/**
	 * Create a scheduler that reports the runs of the tasks it schedules.
	 * @param scheduler the scheduler that runs them
	 * @param tasks the tasks, which name each run
	 * @param watcher where runs are reported
	 */
	public RunReportingTaskScheduler(TaskScheduler scheduler, SpringScheduledTasks tasks, TaskWatcher watcher) {
		this.scheduler = scheduler;
		this.tasks = tasks;
		this.watcher = watcher;
	}

	/**
	 * The scheduler that runs the tasks.
	 * @return the scheduler
	 */
	public TaskScheduler scheduler() {
		return this.scheduler;
	}

	@Override
	public Clock getClock() {
		return this.scheduler.getClock();
	}

	@Override
	public @Nullable ScheduledFuture<?> schedule(Runnable task, Trigger trigger) {
		return this.scheduler.schedule(reported(task), trigger);
	}

	@Override
	public ScheduledFuture<?> schedule(Runnable task, Instant startTime) {
		return this.scheduler.schedule(reported(task), startTime);
	}

	@Override
	public ScheduledFuture<?> scheduleAtFixedRate(Runnable task, Instant startTime, Duration period) {
		return this.scheduler.scheduleAtFixedRate(reported(task), startTime, period);
	}

	@Override
	public ScheduledFuture<?> scheduleAtFixedRate(Runnable task, Duration period) {
		return this.scheduler.scheduleAtFixedRate(reported(task), period);
	}

	@Override
	public ScheduledFuture<?> scheduleWithFixedDelay(Runnable task, Instant startTime, Duration delay) {
		return this.scheduler.scheduleWithFixedDelay(reported(task), startTime, delay);
	}

	@Override
	public ScheduledFuture<?> scheduleWithFixedDelay(Runnable task, Duration delay) {
		return this.scheduler.scheduleWithFixedDelay(reported(task), delay);
	}

	private Runnable reported(Runnable task) {
		return new ReportedRun(task, this.tasks, this.watcher);
	}

	@Override
	public String toString() {
		return "RunReportingTaskScheduler for " + this.scheduler;
	}

}
