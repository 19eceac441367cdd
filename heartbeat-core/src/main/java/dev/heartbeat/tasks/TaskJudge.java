package dev.heartbeat.tasks;

import java.time.Duration;
import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * The rules that judge a task from what its scheduler shows, with no state of its own
 * (docs/scheduled-tasks.md says them in words).
 * <p>
 * A running task is judged by its maximum run time ({@link TaskStatus#STUCK}) and, unless
 * it runs with a fixed delay (whose next run is only planned when this one ends), by
 * whether its next start, one period after this one, is later than its grace
 * ({@link TaskStatus#OVERDUE}). A task that is not running is {@code OVERDUE} once the
 * time it was due plus its grace has passed without a start: a task waiting for the only
 * thread of a scheduler that another task holds. Otherwise it is
 * {@link TaskStatus#FAILED} if its last run threw, and {@link TaskStatus#OK}.
 */
final class TaskJudge {

	// a start this much before the time it was due is still that run: clocks read apart
	private static final Duration EARLY_START = Duration.ofMillis(100);

	private TaskJudge() {
	}

	/**
	 * Judge a task.
	 * @param schedule when it runs
	 * @param seen what its scheduler shows now
	 * @param expected the last time in the future its scheduler planned a run for, if
	 * seen
	 * @param firstSeen when the task was first seen
	 * @param grace how late a run may start
	 * @param maxRuntime how long a run may take, if limited
	 * @param now the time now
	 * @return the state and why
	 */
	static Verdict judge(TaskSchedule schedule, TaskObservation seen, @Nullable Instant expected, Instant firstSeen,
			Duration grace, @Nullable Duration maxRuntime, Instant now) {
		Instant lastStart = seen.lastStart();
		Duration period = schedule.period();
		if (seen.lastRun() == TaskObservation.LastRun.RUNNING && lastStart != null) {
			Duration running = Duration.between(lastStart, now);
			if (maxRuntime != null && running.compareTo(maxRuntime) > 0) {
				return new Verdict(TaskStatus.STUCK, "running for " + TaskSchedule.words(truncated(running))
						+ ", longer than its max-runtime of " + TaskSchedule.words(maxRuntime));
			}
			if (schedule.kind() != TaskSchedule.Kind.FIXED_DELAY && period != null) {
				Verdict late = late(lastStart.plus(period), grace, now,
						"its run that started at " + lastStart + " has not ended");
				if (late != null) {
					return late;
				}
			}
			return Verdict.OK;
		}
		Instant due = due(schedule, seen, expected, firstSeen);
		if (due != null) {
			Verdict late = late(due, grace, now, "it has not started");
			if (late != null) {
				return late;
			}
		}
		if (seen.lastRun() == TaskObservation.LastRun.FAILED) {
			return new Verdict(TaskStatus.FAILED,
					"its last run threw " + ((seen.failure() != null) ? seen.failure() : "an exception"));
		}
		return Verdict.OK;
	}

	/**
	 * When the next run of a task that is not running was due, if that time has passed.
	 * @return the time, or {@code null} if the scheduler plans the next run in the future
	 * or the task runs no more
	 */
	static @Nullable Instant due(TaskSchedule schedule, TaskObservation seen, @Nullable Instant expected,
			Instant firstSeen) {
		if (seen.nextRun() != null || schedule.kind() == TaskSchedule.Kind.ONE_TIME) {
			return null;
		}
		Instant lastStart = seen.lastStart();
		if (expected != null && (lastStart == null || lastStart.isBefore(expected.minus(EARLY_START)))) {
			// the run planned for then has not started
			return expected;
		}
		Duration period = schedule.period();
		if (period == null) {
			return null;
		}
		// due since before it was first seen, or one period after its last start (for a
		// fixed delay, at least that)
		return ((lastStart != null) ? lastStart : firstSeen).plus(period);
	}

	private static @Nullable Verdict late(Instant due, Duration grace, Instant now, String why) {
		if (!now.isAfter(due.plus(grace))) {
			return null;
		}
		Duration late = Duration.between(due, now);
		return new Verdict(TaskStatus.OVERDUE,
				"its next run was due at " + due + ", " + TaskSchedule.words(truncated(late))
						+ " ago, longer than its grace of " + TaskSchedule.words(grace) + ", and " + why);
	}

	private static Duration truncated(Duration duration) {
		return Duration.ofMillis(duration.toMillis());
	}

	/**
	 * A judged state and why.
	 *
	 * @param status the state
	 * @param reason why it is not {@code OK}, or {@code null}
	 */
	record Verdict(TaskStatus status, @Nullable String reason) {

		static final Verdict OK = new Verdict(TaskStatus.OK, null);

	}

}
