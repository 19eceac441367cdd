package dev.heartbeat.tasks;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * How one task is judged.
 *
 * @param grace how late a run may start before the task is {@link TaskStatus#OVERDUE}, or
 * {@code null} for the default: one period or one heartbeat interval, whichever is longer
 * @param maxRuntime how long a run may take before the task is {@link TaskStatus#STUCK},
 * or {@code null} for no limit
 * @param critical whether the task being {@code OVERDUE} or {@code STUCK} escalates, as a
 * critical target does
 * @since 0.1.0
 */
public record TaskSettings(@Nullable Duration grace, @Nullable Duration maxRuntime, boolean critical) {

	/**
	 * The settings of a task that nothing configures.
	 */
	public static final TaskSettings DEFAULT = new TaskSettings(null, null, false);

	/**
	 * Create settings, checking them.
	 * @param grace the grace, if set
	 * @param maxRuntime the maximum run time, if set
	 * @param critical whether the task escalates
	 * @throws IllegalArgumentException if the grace is negative or the maximum run time
	 * is not positive
	 */
	public TaskSettings {
		if (grace != null && grace.isNegative()) {
			throw new IllegalArgumentException("A task's grace must not be negative, not " + grace);
		}
		if (maxRuntime != null && (maxRuntime.isNegative() || maxRuntime.isZero())) {
			throw new IllegalArgumentException("A task's max-runtime must be positive, not " + maxRuntime);
		}
	}

	/**
	 * The grace of a task with this schedule.
	 * @param schedule the task's schedule
	 * @param interval the heartbeat's interval
	 * @return the grace that was set, or else the longer of the period and the interval
	 */
	public Duration graceFor(TaskSchedule schedule, Duration interval) {
		if (this.grace != null) {
			return this.grace;
		}
		Duration period = schedule.period();
		return (period != null && period.compareTo(interval) > 0) ? period : interval;
	}

}
