package dev.heartbeat.scheduling;

import java.time.Duration;
import java.time.ZonedDateTime;

import dev.heartbeat.tasks.TaskObservation;
import dev.heartbeat.tasks.TaskObservation.LastRun;
import dev.heartbeat.tasks.TaskSchedule;
import dev.heartbeat.tasks.TaskView;
import org.jspecify.annotations.Nullable;

import org.springframework.scheduling.config.CronTask;
import org.springframework.scheduling.config.FixedDelayTask;
import org.springframework.scheduling.config.FixedRateTask;
import org.springframework.scheduling.config.OneTimeTask;
import org.springframework.scheduling.config.ScheduledTask;
import org.springframework.scheduling.config.Task;
import org.springframework.scheduling.config.TaskExecutionOutcome;
import org.springframework.scheduling.config.TriggerTask;
import org.springframework.scheduling.support.CronExpression;

/**
 * One task of a Spring {@link ScheduledTask}, read as the heartbeat needs it: its
 * schedule once, and on each judging its last execution outcome and next execution
 * (fields Spring Framework 6.2+ keeps on the task).
 */
final class SpringTaskView implements TaskView {

	private final String name;

	private final ScheduledTask task;

	private final TaskSchedule schedule;

	SpringTaskView(String name, ScheduledTask task) {
		this.name = name;
		this.task = task;
		this.schedule = scheduleOf(task.getTask());
	}

	@Override
	public String name() {
		return this.name;
	}

	@Override
	public TaskSchedule schedule() {
		return this.schedule;
	}

	@Override
	public TaskObservation observe() {
		TaskExecutionOutcome outcome = this.task.getTask().getLastExecutionOutcome();
		Throwable failure = outcome.throwable();
		LastRun lastRun = switch (outcome.status()) {
			case NONE -> LastRun.NONE;
			case STARTED -> LastRun.RUNNING;
			case SUCCESS -> LastRun.SUCCEEDED;
			case ERROR -> LastRun.FAILED;
		};
		return new TaskObservation(outcome.executionTime(), lastRun,
				(failure != null) ? TaskObservation.failure(failure) : null, this.task.nextExecution());
	}

	ScheduledTask task() {
		return this.task;
	}

	static TaskSchedule scheduleOf(Task task) {
		if (task instanceof FixedRateTask fixedRate) {
			return TaskSchedule.fixedRate(fixedRate.getIntervalDuration());
		}
		if (task instanceof FixedDelayTask fixedDelay) {
			return TaskSchedule.fixedDelay(fixedDelay.getIntervalDuration());
		}
		if (task instanceof OneTimeTask oneTime) {
			return new TaskSchedule(TaskSchedule.Kind.ONE_TIME, null,
					"once, after " + oneTime.getInitialDelayDuration());
		}
		if (task instanceof CronTask cron) {
			return TaskSchedule.cron(cron.getExpression(), gap(cron.getExpression()));
		}
		if (task instanceof TriggerTask trigger) {
			return new TaskSchedule(TaskSchedule.Kind.TRIGGER, null, "trigger " + trigger.getTrigger());
		}
		return new TaskSchedule(TaskSchedule.Kind.TRIGGER, null, task.getClass().getSimpleName());
	}

	// the gap between the next two fire times: most cron schedules fire at an even pace
	private static @Nullable Duration gap(String expression) {
		try {
			CronExpression cron = CronExpression.parse(expression);
			ZonedDateTime first = cron.next(ZonedDateTime.now());
			ZonedDateTime second = (first != null) ? cron.next(first) : null;
			return (first != null && second != null) ? Duration.between(first, second) : null;
		}
		catch (IllegalArgumentException ex) {
			// "-" disables a cron task, and a custom expression may not parse alone
			return null;
		}
	}

	@Override
	public String toString() {
		return this.name;
	}

}
