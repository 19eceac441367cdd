package dev.heartbeat.tasks;

import java.time.Duration;
import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * What the heartbeat knows of one scheduled task.
 *
 * @param name the task's name
 * @param schedule when it runs
 * @param status its state, as last judged
 * @param reason why it is not {@link TaskStatus#OK}, in one line, or {@code null} if it
 * is
 * @param lastStart when its last run started, if it ran
 * @param lastRun how its last run went
 * @param lastDuration how long its last finished run took, if the scheduler reports runs
 * @param nextRun when its next run is expected, if known
 * @param lastSuccess when its last successful run ended (or started, if the scheduler
 * does not report runs), if any
 * @param succeeded how many runs returned, if the scheduler reports runs
 * @param failed how many runs threw, if the scheduler reports runs
 * @param critical whether the task escalates
 * @param grace how late a run may start
 * @param maxRuntime how long a run may take, if limited
 * @since 0.1.0
 */
public record TaskReport(String name, TaskSchedule schedule, TaskStatus status, @Nullable String reason,
		@Nullable Instant lastStart, TaskObservation.LastRun lastRun, @Nullable Duration lastDuration,
		@Nullable Instant nextRun, @Nullable Instant lastSuccess, long succeeded, long failed, boolean critical,
		Duration grace, @Nullable Duration maxRuntime) {

	/**
	 * The time since the task's last success.
	 * @param now the time now
	 * @return the time since, or {@code null} if the task never succeeded
	 */
	public @Nullable Duration timeSinceLastSuccess(Instant now) {
		return (this.lastSuccess != null) ? Duration.between(this.lastSuccess, now) : null;
	}

}
