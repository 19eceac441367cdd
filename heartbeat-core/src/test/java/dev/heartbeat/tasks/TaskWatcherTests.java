package dev.heartbeat.tasks;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.heartbeat.MutableClock;
import dev.heartbeat.tasks.TaskObservation.LastRun;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link TaskWatcher}: the judging rules, read against a clock that the test
 * moves, with the scheduler's side written by the test as a scheduler shows it.
 */
class TaskWatcherTests {

	private static final Instant START = Instant.parse("2026-01-12T10:00:00Z");

	private static final Duration INTERVAL = Duration.ofSeconds(10);

	private final MutableClock clock = new MutableClock(START);

	private final ShownTask task = new ShownTask("reportJob.export", TaskSchedule.fixedRate(Duration.ofSeconds(30)));

	private final List<String> changes = new ArrayList<>();

	@Test
	void taskThatRunsOnScheduleIsOk() {
		TaskWatcher watcher = watcher(Map.of());
		for (int run = 0; run < 5; run++) {
			Instant started = this.clock.instant();
			this.task.shows(started, LastRun.SUCCEEDED, null, started.plusSeconds(30));
			watcher.judge();
			assertThat(watcher.statuses()).containsEntry("reportJob.export", TaskStatus.OK);
			this.clock.advance(Duration.ofSeconds(30));
		}
		assertThat(this.changes).isEmpty();
	}

	@Test
	void statesThatDidNotChangeAreTheSameMapSoThatABeatNeedNotCopyThem() {
		TaskWatcher watcher = watcher(Map.of());
		this.task.shows(START, LastRun.SUCCEEDED, null, START.plusSeconds(30));
		watcher.judge();
		Map<String, TaskStatus> first = watcher.statuses();
		watcher.judge();
		assertThat(watcher.statuses()).isSameAs(first);
		this.task.shows(START, LastRun.FAILED, "java.io.IOException: disk full", START.plusSeconds(30));
		watcher.judge();
		assertThat(watcher.statuses()).isNotSameAs(first).containsEntry("reportJob.export", TaskStatus.FAILED);
	}

	@Test
	void taskWhoseLastRunThrewIsFailedThenOkAfterAGoodRun() {
		TaskWatcher watcher = watcher(Map.of());
		this.task.shows(START, LastRun.FAILED, "java.io.IOException: disk full", START.plusSeconds(30));
		watcher.judge();
		assertThat(watcher.report("reportJob.export")).hasValueSatisfying((report) -> {
			assertThat(report.status()).isEqualTo(TaskStatus.FAILED);
			assertThat(report.reason()).contains("java.io.IOException: disk full");
		});
		this.clock.advance(Duration.ofSeconds(30));
		this.task.shows(this.clock.instant(), LastRun.SUCCEEDED, null, this.clock.instant().plusSeconds(30));
		watcher.judge();
		assertThat(watcher.statuses()).containsEntry("reportJob.export", TaskStatus.OK);
		assertThat(this.changes).containsExactly("reportJob.export OK->FAILED", "reportJob.export FAILED->OK");
	}

	@Test
	void taskThatDoesNotStartWhenDueIsOverdueOnlyAfterItsGrace() {
		TaskWatcher watcher = watcher(Map.of());
		this.task.shows(START, LastRun.SUCCEEDED, null, START.plusSeconds(30));
		watcher.judge();
		// due at +30 s; a scheduler shows no next run once its due time has passed
		this.task.shows(START, LastRun.SUCCEEDED, null, null);
		this.clock.advance(Duration.ofSeconds(60));
		watcher.judge();
		assertThat(watcher.statuses()).containsEntry("reportJob.export", TaskStatus.OK);
		this.clock.advance(Duration.ofSeconds(1));
		watcher.judge();
		assertThat(watcher.statuses()).containsEntry("reportJob.export", TaskStatus.OVERDUE);
		assertThat(watcher.report("reportJob.export").orElseThrow().reason()).contains("has not started")
			.contains("grace of 30s");
	}

	@Test
	void overdueTaskThatRunsAgainIsOk() {
		TaskWatcher watcher = watcher(Map.of());
		this.task.shows(START, LastRun.SUCCEEDED, null, START.plusSeconds(30));
		watcher.judge();
		this.task.shows(START, LastRun.SUCCEEDED, null, null);
		this.clock.advance(Duration.ofSeconds(90));
		watcher.judge();
		Instant late = this.clock.instant();
		this.task.shows(late, LastRun.SUCCEEDED, null, late.plusSeconds(30));
		watcher.judge();
		assertThat(this.changes).containsExactly("reportJob.export OK->OVERDUE", "reportJob.export OVERDUE->OK");
	}

	@Test
	void runningTaskIsStuckOnlyPastItsMaxRuntime() {
		TaskWatcher watcher = watcher(Map.of("reportJob.export", new TaskSettings(null, Duration.ofSeconds(5), false)));
		this.task.shows(START, LastRun.RUNNING, null, null);
		this.clock.advance(Duration.ofSeconds(5));
		watcher.judge();
		assertThat(watcher.statuses()).containsEntry("reportJob.export", TaskStatus.OK);
		this.clock.advance(Duration.ofMillis(1));
		watcher.judge();
		assertThat(watcher.statuses()).containsEntry("reportJob.export", TaskStatus.STUCK);
		assertThat(watcher.report("reportJob.export").orElseThrow().reason())
			.isEqualTo("running for 5.001s, longer than its max-runtime of 5s");
	}

	@Test
	void longFixedRateRunWithoutMaxRuntimeIsOverdueOnceItsNextStartIsLate() {
		TaskWatcher watcher = watcher(Map.of());
		this.task.shows(START, LastRun.RUNNING, null, null);
		this.clock.advance(Duration.ofSeconds(60));
		watcher.judge();
		assertThat(watcher.statuses()).containsEntry("reportJob.export", TaskStatus.OK);
		this.clock.advance(Duration.ofSeconds(1));
		watcher.judge();
		assertThat(watcher.statuses()).containsEntry("reportJob.export", TaskStatus.OVERDUE);
	}

	@Test
	void longFixedDelayRunIsJudgedByItsMaxRuntimeOnly() {
		ShownTask delayed = new ShownTask("cleanup.purge", TaskSchedule.fixedDelay(Duration.ofSeconds(30)));
		TaskWatcher watcher = new TaskWatcher(() -> List.of(delayed), Map.of(), INTERVAL, this.clock);
		delayed.shows(START, LastRun.RUNNING, null, null);
		this.clock.advance(Duration.ofHours(1));
		watcher.judge();
		assertThat(watcher.statuses()).containsEntry("cleanup.purge", TaskStatus.OK);
	}

	@Test
	void fixedDelayTaskIsDueOneDelayAfterItsRunEnded() {
		ShownTask delayed = new ShownTask("cleanup.purge", TaskSchedule.fixedDelay(Duration.ofSeconds(30)));
		TaskWatcher watcher = new TaskWatcher(() -> List.of(delayed), Map.of(), INTERVAL, this.clock);
		// a run of 50 s ended at +50 s: the next one is planned for +80 s
		this.clock.advance(Duration.ofSeconds(50));
		delayed.shows(START, LastRun.SUCCEEDED, null, START.plusSeconds(80));
		watcher.judge();
		this.clock.advance(Duration.ofSeconds(60));
		delayed.shows(START, LastRun.SUCCEEDED, null, null);
		watcher.judge();
		assertThat(watcher.statuses()).containsEntry("cleanup.purge", TaskStatus.OK);
		this.clock.advance(Duration.ofSeconds(1));
		watcher.judge();
		assertThat(watcher.statuses()).containsEntry("cleanup.purge", TaskStatus.OVERDUE);
	}

	@Test
	void cronTaskIsJudgedByTheGapBetweenItsFireTimes() {
		ShownTask hourly = new ShownTask("billing.close", TaskSchedule.cron("0 0 * * * *", Duration.ofHours(1)));
		TaskWatcher watcher = new TaskWatcher(() -> List.of(hourly), Map.of(), INTERVAL, this.clock);
		hourly.shows(START, LastRun.SUCCEEDED, null, START.plus(Duration.ofHours(1)));
		watcher.judge();
		hourly.shows(START, LastRun.SUCCEEDED, null, null);
		this.clock.advance(Duration.ofHours(2));
		watcher.judge();
		assertThat(watcher.statuses()).containsEntry("billing.close", TaskStatus.OK);
		this.clock.advance(Duration.ofSeconds(1));
		watcher.judge();
		assertThat(watcher.statuses()).containsEntry("billing.close", TaskStatus.OVERDUE);
	}

	@Test
	void graceIsTheIntervalForATaskOfShortPeriodUnlessSet() {
		ShownTask quick = new ShownTask("poller.poll", TaskSchedule.fixedRate(Duration.ofSeconds(1)));
		TaskWatcher watcher = new TaskWatcher(() -> List.of(quick),
				Map.of("other.task", new TaskSettings(Duration.ofSeconds(2), null, false)), INTERVAL, this.clock);
		quick.shows(START, LastRun.SUCCEEDED, null, START.plusSeconds(1));
		watcher.judge();
		assertThat(watcher.report("poller.poll").orElseThrow().grace()).isEqualTo(INTERVAL);
		TaskWatcher configured = new TaskWatcher(() -> List.of(quick),
				Map.of("poller.poll", new TaskSettings(Duration.ofSeconds(2), null, false)), INTERVAL, this.clock);
		configured.judge();
		assertThat(configured.report("poller.poll").orElseThrow().grace()).isEqualTo(Duration.ofSeconds(2));
	}

	@Test
	void taskNeverSeenBeforeItWasDueIsJudgedFromWhenItWasFirstSeen() {
		TaskWatcher watcher = watcher(Map.of());
		this.task.shows(null, LastRun.NONE, null, null);
		watcher.judge();
		this.clock.advance(Duration.ofSeconds(60));
		watcher.judge();
		assertThat(watcher.statuses()).containsEntry("reportJob.export", TaskStatus.OK);
		this.clock.advance(Duration.ofSeconds(1));
		watcher.judge();
		assertThat(watcher.statuses()).containsEntry("reportJob.export", TaskStatus.OVERDUE);
	}

	@Test
	void runsAreCountedByOutcomeWithTheirDurationAndRunId() {
		TaskWatcher watcher = watcher(Map.of());
		List<String> runs = new ArrayList<>();
		watcher.addListener(new TaskListener() {

			@Override
			public void onTaskRunStarted(String taskName, String runId) {
				runs.add("start " + runId);
			}

			@Override
			public void onTaskRunEnded(String taskName, String runId, Duration took, @Nullable Throwable failure) {
				runs.add(((failure != null) ? "fail " : "ok ") + runId);
			}

		});
		String first = watcher.runStarted("reportJob.export");
		watcher.runEnded("reportJob.export", first, Duration.ofMillis(20), null);
		String second = watcher.runStarted("reportJob.export");
		watcher.runEnded("reportJob.export", second, Duration.ofMillis(30), new IllegalStateException("boom"));
		this.task.shows(START, LastRun.FAILED, "java.lang.IllegalStateException: boom", START.plusSeconds(30));
		watcher.judge();
		TaskReport report = watcher.report("reportJob.export").orElseThrow();
		assertThat(report.succeeded()).isOne();
		assertThat(report.failed()).isOne();
		assertThat(report.lastDuration()).isEqualTo(Duration.ofMillis(30));
		assertThat(report.lastSuccess()).isEqualTo(START);
		assertThat(first).isNotEqualTo(second);
		assertThat(runs).containsExactly("start " + first, "ok " + first, "start " + second, "fail " + second);
	}

	@Test
	void criticalTasksAreThoseTheSettingsMakeCritical() {
		TaskWatcher watcher = watcher(Map.of("a.b", new TaskSettings(null, null, true), "c.d", TaskSettings.DEFAULT));
		assertThat(watcher.criticalTasks()).containsExactly("a.b");
	}

	private TaskWatcher watcher(Map<String, TaskSettings> settings) {
		TaskWatcher watcher = new TaskWatcher(() -> List.of(this.task), settings, INTERVAL, this.clock);
		watcher.addListener(new TaskListener() {

			@Override
			public void onTaskStatusChanged(TaskReport task, TaskStatus previous) {
				TaskWatcherTests.this.changes.add(task.name() + " " + previous + "->" + task.status());
			}

		});
		return watcher;
	}

	/**
	 * A task as a scheduler shows it, set by the test.
	 */
	private static final class ShownTask implements TaskView {

		private final String name;

		private final TaskSchedule schedule;

		private TaskObservation observation = new TaskObservation(null, LastRun.NONE, null, null);

		ShownTask(String name, TaskSchedule schedule) {
			this.name = name;
			this.schedule = schedule;
		}

		void shows(@Nullable Instant lastStart, LastRun lastRun, @Nullable String failure, @Nullable Instant nextRun) {
			this.observation = new TaskObservation(lastStart, lastRun, failure, nextRun);
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
			return this.observation;
		}

	}

}
