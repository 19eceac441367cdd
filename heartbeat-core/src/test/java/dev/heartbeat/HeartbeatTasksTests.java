package dev.heartbeat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.heartbeat.tasks.TaskObservation;
import dev.heartbeat.tasks.TaskObservation.LastRun;
import dev.heartbeat.tasks.TaskReport;
import dev.heartbeat.tasks.TaskSchedule;
import dev.heartbeat.tasks.TaskSettings;
import dev.heartbeat.tasks.TaskStatus;
import dev.heartbeat.tasks.TaskView;
import dev.heartbeat.tasks.TaskWatcher;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for the scheduled tasks of a {@link Heartbeat}: judged on each beat, written with
 * it, and escalating when critical.
 */
class HeartbeatTasksTests {

	private static final Instant START = Instant.parse("2026-01-12T10:00:00Z");

	private final MutableClock clock = new MutableClock(START);

	private final MutableTicker ticker = new MutableTicker();

	private final List<String> events = new CopyOnWriteArrayList<>();

	private volatile TaskObservation shown = new TaskObservation(START, LastRun.SUCCEEDED, null, START.plusSeconds(10));

	private final TaskView task = new TaskView() {

		@Override
		public String name() {
			return "reportJob.export";
		}

		@Override
		public TaskSchedule schedule() {
			return TaskSchedule.fixedRate(Duration.ofSeconds(10));
		}

		@Override
		public TaskObservation observe() {
			return HeartbeatTasksTests.this.shown;
		}

	};

	@Test
	void eachBeatWritesTheStateOfEachTask() {
		Heartbeat heartbeat = heartbeat(TaskSettings.DEFAULT);
		tick(heartbeat);
		assertThat(heartbeat.beat().tasks()).containsExactly(Map.entry("reportJob.export", TaskStatus.OK));
		assertThat(heartbeat.targets()).isEmpty();
	}

	@Test
	void aTaskThatIsNotCriticalNeverEscalates() {
		Heartbeat heartbeat = heartbeat(TaskSettings.DEFAULT);
		tick(heartbeat);
		this.shown = new TaskObservation(START, LastRun.SUCCEEDED, null, null);
		this.clock.advance(Duration.ofMinutes(5));
		tick(heartbeat);
		tick(heartbeat);
		assertThat(heartbeat.beat().tasks()).containsEntry("reportJob.export", TaskStatus.OVERDUE);
		assertThat(heartbeat.isEscalated()).isFalse();
		assertThat(this.events).containsExactly("reportJob.export OK->OVERDUE");
	}

	@Test
	void aCriticalTaskEscalatesOnceOverdueAndClearsWhenItRunsAgain() {
		Heartbeat heartbeat = heartbeat(new TaskSettings(null, null, true));
		tick(heartbeat);
		assertThat(heartbeat.isEscalated()).isFalse();
		this.shown = new TaskObservation(START, LastRun.SUCCEEDED, null, null);
		this.clock.advance(Duration.ofSeconds(20));
		tick(heartbeat);
		assertThat(heartbeat.isEscalated()).isFalse();
		this.clock.advance(Duration.ofSeconds(1));
		tick(heartbeat);
		assertThat(heartbeat.isEscalated()).isTrue();
		assertThat(heartbeat.targetReports()).singleElement().satisfies((report) -> {
			assertThat(report.name()).isEqualTo("task:reportJob.export");
			assertThat(report.reason()).contains("has not started");
		});
		Instant now = this.clock.instant();
		this.shown = new TaskObservation(now, LastRun.SUCCEEDED, null, now.plusSeconds(10));
		tick(heartbeat);
		assertThat(heartbeat.isEscalated()).isFalse();
		assertThat(this.events).containsExactly("reportJob.export OK->OVERDUE", "escalated task:reportJob.export",
				"reportJob.export OVERDUE->OK", "cleared");
	}

	@Test
	void aCriticalTaskThatFailsDoesNotEscalate() {
		Heartbeat heartbeat = heartbeat(new TaskSettings(null, null, true));
		this.shown = new TaskObservation(START, LastRun.FAILED, "java.io.IOException: gone", START.plusSeconds(10));
		tick(heartbeat);
		tick(heartbeat);
		assertThat(heartbeat.beat().tasks()).containsEntry("reportJob.export", TaskStatus.FAILED);
		assertThat(heartbeat.isEscalated()).isFalse();
	}

	private void tick(Heartbeat heartbeat) {
		this.ticker.advance(Duration.ofSeconds(1));
		heartbeat.tick();
	}

	private Heartbeat heartbeat(TaskSettings settings) {
		TaskWatcher watcher = new TaskWatcher(() -> List.of(this.task), Map.of("reportJob.export", settings),
				Duration.ofSeconds(10), this.clock);
		return Heartbeat.builder()
			.interval(Duration.ofSeconds(1))
			.clock(this.clock)
			.ticker(this.ticker)
			.tasks(watcher)
			.listener(new HeartbeatListener() {

				@Override
				public void onTaskStatusChanged(TaskReport task, TaskStatus previous) {
					HeartbeatTasksTests.this.events.add(task.name() + " " + previous + "->" + task.status());
				}

				@Override
				public void onEscalated(String targetName, HeartbeatTarget target) {
					HeartbeatTasksTests.this.events.add("escalated " + targetName);
				}

				@Override
				public void onEscalationCleared() {
					HeartbeatTasksTests.this.events.add("cleared");
				}

			})
			.build();
	}

}
