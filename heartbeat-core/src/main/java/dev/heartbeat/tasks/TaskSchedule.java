package dev.heartbeat.tasks;

import java.time.Duration;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

/**
 * When a scheduled task runs, as far as the heartbeat needs to know it.
 *
 * @param kind how the runs follow each other
 * @param period the time between two runs (for a cron task, the gap between two
 * consecutive fire times), or {@code null} if unknown (a custom trigger) or none (a task
 * that runs once)
 * @param description the schedule in words, such as {@code fixed-rate 30s} or
 * {@code cron 0 0 * * * *}
 * @since 0.1.0
 */
public record TaskSchedule(Kind kind, @Nullable Duration period, String description) {

	/**
	 * A schedule of runs at a fixed rate.
	 * @param period the time between two starts
	 * @return the schedule
	 */
	public static TaskSchedule fixedRate(Duration period) {
		return new TaskSchedule(Kind.FIXED_RATE, period, "fixed-rate " + words(period));
	}

	/**
	 * A schedule of runs with a fixed delay between the end of one and the start of the
	 * next.
	 * @param delay the time between the end of a run and the start of the next
	 * @return the schedule
	 */
	public static TaskSchedule fixedDelay(Duration delay) {
		return new TaskSchedule(Kind.FIXED_DELAY, delay, "fixed-delay " + words(delay));
	}

	/**
	 * A schedule of runs at the fire times of a cron expression.
	 * @param expression the cron expression
	 * @param gap the time between two consecutive fire times
	 * @return the schedule
	 */
	public static TaskSchedule cron(String expression, @Nullable Duration gap) {
		return new TaskSchedule(Kind.CRON, gap, "cron " + expression);
	}

	static String words(Duration duration) {
		return duration.toString().substring(2).toLowerCase(Locale.ROOT);
	}

	/**
	 * How the runs of a task follow each other.
	 */
	public enum Kind {

		/**
		 * Each run starts one period after the previous one started.
		 */
		FIXED_RATE,

		/**
		 * Each run starts one period after the previous one ended.
		 */
		FIXED_DELAY,

		/**
		 * Runs start at the fire times of a cron expression.
		 */
		CRON,

		/**
		 * Runs start when a custom trigger says.
		 */
		TRIGGER,

		/**
		 * The task runs once.
		 */
		ONE_TIME

	}

}
