package dev.heartbeat.tasks;

import java.time.Duration;
import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * One watched task: what judging remembers of it between two passes, and what its runs
 * told, if its scheduler reports them. Judged by one pass at a time; runs report from the
 * scheduler's threads; both under this watch's lock, which nothing holds for longer than
 * a few assignments.
 */
final class TaskWatch {

	private final String name;

	private final Instant firstSeen;

	private TaskSchedule schedule;

	private TaskSettings settings;

	private Duration grace;

	private TaskStatus status = TaskStatus.OK;

	private @Nullable String reason;

	private TaskObservation seen = new TaskObservation(null, TaskObservation.LastRun.NONE, null, null);

	// the last time in the future the scheduler planned a run for
	private @Nullable Instant expected;

	// from the starts the scheduler showed, for a scheduler that does not report runs
	private @Nullable Instant lastSuccess;

	TaskWatch(String name, TaskSchedule schedule, TaskSettings settings, Duration interval, Instant firstSeen) {
		this.name = name;
		this.firstSeen = firstSeen;
		this.schedule = schedule;
		this.settings = settings;
		this.grace = settings.graceFor(schedule, interval);
	}

	String name() {
		return this.name;
	}

	/**
	 * Judge the task from what its scheduler shows now.
	 * @param schedule its schedule
	 * @param seen what the scheduler shows
	 * @param now the time now
	 * @return the state before, or {@code null} if it did not change
	 */
	synchronized @Nullable TaskStatus judge(TaskSchedule schedule, TaskObservation seen, Duration interval,
			Instant now) {
		if (!schedule.equals(this.schedule)) {
			this.schedule = schedule;
			this.grace = this.settings.graceFor(schedule, interval);
		}
		this.seen = seen;
		if (seen.nextRun() != null) {
			this.expected = seen.nextRun();
		}
		if (seen.lastRun() == TaskObservation.LastRun.SUCCEEDED && seen.lastStart() != null
				&& (this.lastSuccess == null || seen.lastStart().isAfter(this.lastSuccess))) {
			// a scheduler that does not report runs: its start is the best known time
			this.lastSuccess = seen.lastStart();
		}
		TaskJudge.Verdict verdict = TaskJudge.judge(schedule, seen, this.expected, this.firstSeen, this.grace,
				this.settings.maxRuntime(), now);
		this.reason = verdict.reason();
		if (verdict.status() == this.status) {
			return null;
		}
		TaskStatus previous = this.status;
		this.status = verdict.status();
		return previous;
	}

	synchronized TaskStatus status() {
		return this.status;
	}

	synchronized TaskReport report(TaskRuns runs) {
		Instant next = this.seen.nextRun();
		boolean running = this.seen.lastRun() == TaskObservation.LastRun.RUNNING;
		if (next == null && !(running && this.schedule.kind() == TaskSchedule.Kind.FIXED_DELAY)) {
			// a fixed delay runs from the end of a run that has not ended: unknown
			next = TaskJudge.due(this.schedule, this.seen, this.expected, this.firstSeen);
		}
		Instant reported = runs.lastSuccess();
		Instant lastSuccess = (reported == null || (this.lastSuccess != null && this.lastSuccess.isAfter(reported)))
				? this.lastSuccess : reported;
		return new TaskReport(this.name, this.schedule, this.status, this.reason, this.seen.lastStart(),
				this.seen.lastRun(), runs.lastDuration(), next, lastSuccess, runs.succeeded(), runs.failed(),
				this.settings.critical(), this.grace, this.settings.maxRuntime());
	}

	@Override
	public String toString() {
		return this.name;
	}

}
