package dev.heartbeat.autoconfigure.scheduling;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import dev.heartbeat.Heartbeat;
import dev.heartbeat.HeartbeatListener;
import dev.heartbeat.HeartbeatState;
import dev.heartbeat.autoconfigure.BootLine;
import dev.heartbeat.autoconfigure.HeartbeatAutoConfiguration;
import dev.heartbeat.autoconfigure.health.HeartbeatHealthContributorAutoConfiguration;
import dev.heartbeat.autoconfigure.metrics.HeartbeatMetricsAutoConfiguration;
import dev.heartbeat.event.TaskEvent;
import dev.heartbeat.event.TaskFailedEvent;
import dev.heartbeat.event.TaskRecoveredEvent;
import dev.heartbeat.health.HealthView;
import dev.heartbeat.health.HeartbeatHealthIndicator;
import dev.heartbeat.health.HeartbeatTasksHealthIndicator;
import dev.heartbeat.metrics.HeartbeatMetrics;
import dev.heartbeat.push.PushServer;
import dev.heartbeat.tasks.TaskListener;
import dev.heartbeat.tasks.TaskReport;
import dev.heartbeat.tasks.TaskSchedule;
import dev.heartbeat.tasks.TaskStatus;
import dev.heartbeat.tasks.TaskWatcher;
import io.micrometer.core.instrument.MeterRegistry;
import org.awaitility.core.ConditionFactory;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.LazyInitializationBeanFactoryPostProcessor;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.task.TaskSchedulingAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.scheduling.annotation.SchedulingConfigurer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link HeartbeatTasksAutoConfiguration}, with Spring's real scheduling:
 * Boot's scheduler, of one thread unless told otherwise, and real {@code @Scheduled}
 * methods. Hanging runs wait on a latch that the test releases at its end.
 */
@ExtendWith(OutputCaptureExtension.class)
class HeartbeatTasksAutoConfigurationTests {

	// generous: a loaded machine may run a task late, but never this late
	private static final Duration WAIT = Duration.ofSeconds(30);

	// a new one for each test: a hanging run of a test waits for that test's end only
	private static volatile CountDownLatch release = new CountDownLatch(1);

	@TempDir
	Path directory;

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(
				AutoConfigurations.of(HeartbeatAutoConfiguration.class, HeartbeatTasksAutoConfiguration.class,
						HeartbeatHealthContributorAutoConfiguration.class, TaskSchedulingAutoConfiguration.class))
		.withPropertyValues("heartbeat.deadlock.enabled=false", "heartbeat.interval=1s");

	@BeforeEach
	void hold() {
		release = new CountDownLatch(1);
	}

	@AfterEach
	void releaseHangingRuns() {
		Jobs.HANG.set(false);
		release.countDown();
	}

	private ApplicationContextRunner withStateFile() {
		return this.contextRunner.withPropertyValues("heartbeat.state-file=" + this.directory.resolve("app.heartbeat"));
	}

	@Test
	void withoutSchedulingNothingIsWatched() {
		this.contextRunner
			.run((context) -> assertThat(context).doesNotHaveBean(TaskWatcher.class).hasSingleBean(Heartbeat.class));
	}

	@Test
	void whenDisabledNothingIsWatched() {
		this.contextRunner.withUserConfiguration(Scheduling.class)
			.withBean("jobs", Jobs.class)
			.withPropertyValues("heartbeat.tasks.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(TaskWatcher.class)
				.doesNotHaveBean(HeartbeatTasksHealthIndicator.class));
	}

	@Test
	void taskThatRunsFineStaysOkAndIsWrittenInTheStateFile() {
		withStateFile().withUserConfiguration(Scheduling.class).withBean("jobs", Jobs.class).run((context) -> {
			Heartbeat heartbeat = context.getBean(Heartbeat.class);
			waiting().until(() -> report(heartbeat, "jobs.fine").succeeded() >= 3);
			waiting().until(() -> HeartbeatState.read(heartbeat.stateFile().orElseThrow())
				.map((state) -> state.tasks().get("jobs.fine"))
				.orElse(null) == TaskStatus.OK);
			TaskReport fine = report(heartbeat, "jobs.fine");
			assertThat(fine.status()).isEqualTo(TaskStatus.OK);
			assertThat(fine.failed()).isZero();
			assertThat(fine.lastDuration()).isNotNull();
			assertThat(fine.schedule()).isEqualTo(TaskSchedule.fixedRate(Duration.ofMillis(100)));
			assertThat(HealthView.of(context.getBean(HeartbeatTasksHealthIndicator.class)).status()).isEqualTo("UP");
		});
	}

	@Test
	void taskThatThrowsIsFailedThenOkAfterAGoodRun() {
		this.contextRunner.withUserConfiguration(Scheduling.class, TaskEvents.class)
			.withBean("jobs", Jobs.class)
			.run((context) -> {
				Heartbeat heartbeat = context.getBean(Heartbeat.class);
				Jobs jobs = context.getBean(Jobs.class);
				waiting().until(() -> report(heartbeat, "jobs.flaky").status() == TaskStatus.OK);
				jobs.failing.set(true);
				waiting().until(() -> report(heartbeat, "jobs.flaky").status() == TaskStatus.FAILED);
				assertThat(report(heartbeat, "jobs.flaky").reason())
					.isEqualTo("its last run threw java.lang.IllegalStateException: export refused");
				jobs.failing.set(false);
				waiting().until(() -> report(heartbeat, "jobs.flaky").status() == TaskStatus.OK);
				TaskReport flaky = report(heartbeat, "jobs.flaky");
				assertThat(flaky.failed()).isPositive();
				assertThat(flaky.succeeded()).isPositive();
				List<TaskEvent> events = context.getBean(TaskEvents.class).events;
				waiting().until(() -> events.size() >= 2);
				assertThat(events).filteredOn((event) -> event.getTaskName().equals("jobs.flaky"))
					.hasExactlyElementsOfTypes(TaskFailedEvent.class, TaskRecoveredEvent.class);
			});
	}

	@Test
	void listenerToBothTheHeartbeatAndTheTasksHearsOfEachChangeOnce() {
		this.contextRunner.withUserConfiguration(Scheduling.class)
			.withBean("jobs", Jobs.class)
			.withBean("both", BothListener.class)
			.run((context) -> {
				Heartbeat heartbeat = context.getBean(Heartbeat.class);
				Jobs jobs = context.getBean(Jobs.class);
				BothListener both = context.getBean(BothListener.class);
				waiting().until(() -> report(heartbeat, "jobs.flaky").status() == TaskStatus.OK);
				jobs.failing.set(true);
				waiting().until(() -> both.changed("jobs.flaky", TaskStatus.FAILED));
				jobs.failing.set(false);
				waiting().until(() -> both.changed("jobs.flaky", TaskStatus.OK));
				// the watcher and the heartbeat hand on the same report: twice would be
				// the same object twice
				Set<TaskReport> distinct = Collections.newSetFromMap(new IdentityHashMap<>());
				distinct.addAll(both.changes);
				assertThat(both.changes).hasSameSizeAs(distinct);
				assertThat(both.runsEnded).hasPositiveValue();
			});
	}

	@Test
	void taskThatHangsOnTheOnlyThreadIsStuckAndMakesTheOthersOverdue() {
		this.contextRunner.withUserConfiguration(Scheduling.class)
			.withBean("jobs", Jobs.class)
			.withPropertyValues("heartbeat.tasks[jobs.hanging].max-runtime=1s")
			.run((context) -> {
				Heartbeat heartbeat = context.getBean(Heartbeat.class);
				waiting().until(() -> report(heartbeat, "jobs.fine").succeeded() >= 2);
				Jobs.HANG.set(true);
				waiting().until(() -> report(heartbeat, "jobs.hanging").status() == TaskStatus.STUCK);
				waiting().until(() -> report(heartbeat, "jobs.fine").status() == TaskStatus.OVERDUE);
				assertThat(report(heartbeat, "jobs.hanging").reason()).contains("longer than its max-runtime of 1s");
				assertThat(report(heartbeat, "jobs.fine").reason()).contains("has not started");
				// neither is critical: reported, never escalated
				assertThat(heartbeat.isEscalated()).isFalse();
				assertThat(HealthView.of(context.getBean(HeartbeatHealthIndicator.class)).status()).isEqualTo("UP");
				assertThat(HealthView.of(context.getBean(HeartbeatTasksHealthIndicator.class)).details())
					.hasEntrySatisfying("reason", (reason) -> assertThat((String) reason).contains("jobs.hanging STUCK",
							"jobs.fine OVERDUE", "jobs.flaky OVERDUE"));
				Jobs.HANG.set(false);
				release.countDown();
				waiting().until(() -> report(heartbeat, "jobs.fine").status() == TaskStatus.OK);
			});
	}

	@Test
	void criticalTaskThatHangsEscalatesAndOnlyThenIsTheHeartbeatDown() {
		this.contextRunner.withUserConfiguration(Scheduling.class)
			.withBean("jobs", Jobs.class)
			.withPropertyValues("heartbeat.tasks[jobs.hanging].max-runtime=1s",
					"heartbeat.tasks[jobs.hanging].critical=true")
			.run((context) -> {
				Heartbeat heartbeat = context.getBean(Heartbeat.class);
				HeartbeatHealthIndicator health = context.getBean(HeartbeatHealthIndicator.class);
				waiting().until(() -> report(heartbeat, "jobs.hanging").succeeded() >= 2);
				assertThat(HealthView.of(health).status()).isEqualTo("UP");
				assertThat(heartbeat.isEscalated()).isFalse();
				Jobs.HANG.set(true);
				waiting().until(heartbeat::isEscalated);
				assertThat(report(heartbeat, "jobs.hanging").status()).isEqualTo(TaskStatus.STUCK);
				assertThat(HealthView.of(health).status()).isEqualTo("DOWN");
				assertThat(HealthView.of(context.getBean(HeartbeatTasksHealthIndicator.class)).status())
					.isEqualTo("OUT_OF_SERVICE");
				assertThat(heartbeat.targetReports()).anySatisfy((target) -> {
					assertThat(target.name()).isEqualTo("task:jobs.hanging");
					assertThat(target.escalated()).isTrue();
				});
				Jobs.HANG.set(false);
				release.countDown();
				waiting().until(() -> !heartbeat.isEscalated());
			});
	}

	@Test
	void fixedRateFixedDelayAndCronTasksAreEachJudgedByTheirOwnSchedule() {
		this.contextRunner.withUserConfiguration(Scheduling.class)
			.withBean("schedules", Schedules.class)
			.run((context) -> {
				Heartbeat heartbeat = context.getBean(Heartbeat.class);
				waiting().until(() -> heartbeat.taskReports().size() == 4);
				assertThat(report(heartbeat, "schedules.rate").schedule())
					.isEqualTo(TaskSchedule.fixedRate(Duration.ofSeconds(5)));
				assertThat(report(heartbeat, "schedules.delay").schedule())
					.isEqualTo(TaskSchedule.fixedDelay(Duration.ofSeconds(3)));
				assertThat(report(heartbeat, "schedules.cron").schedule())
					.isEqualTo(TaskSchedule.cron("*/2 * * * * *", Duration.ofSeconds(2)));
				// the grace is one period, or one interval if longer
				assertThat(report(heartbeat, "schedules.rate").grace()).isEqualTo(Duration.ofSeconds(5));
				assertThat(report(heartbeat, "schedules.delay").grace()).isEqualTo(Duration.ofSeconds(3));
				assertThat(report(heartbeat, "schedules.cron").grace()).isEqualTo(Duration.ofSeconds(2));
				// a task registered through a SchedulingConfigurer is named by its
				// runnable
				assertThat(report(heartbeat, "nightly-cleanup").schedule())
					.isEqualTo(TaskSchedule.fixedRate(Duration.ofHours(1)));
				waiting().until(() -> heartbeat.taskReports().stream().allMatch((task) -> task.succeeded() >= 1));
				assertThat(heartbeat.taskReports()).allSatisfy((task) -> {
					assertThat(task.status()).isEqualTo(TaskStatus.OK);
					assertThat(task.nextRun()).isNotNull();
				});
			});
	}

	@Test
	void eachRunIsPushedWithItsRunId() throws IOException {
		try (PushServer server = new PushServer()) {
			this.contextRunner.withUserConfiguration(Scheduling.class)
				.withBean("jobs", Jobs.class)
				.withPropertyValues("heartbeat.tasks[jobs.flaky].push.url=" + server.url("/ping/flaky"))
				.run((context) -> {
					Jobs jobs = context.getBean(Jobs.class);
					waiting().until(() -> server.paths().contains("/ping/flaky"));
					jobs.failing.set(true);
					waiting().until(() -> server.paths().contains("/ping/flaky/fail"));
					jobs.failing.set(false);
				});
			List<PushServer.Request> requests = server.requests();
			PushServer.Request fail = requests.stream()
				.filter((request) -> request.path().equals("/ping/flaky/fail"))
				.findFirst()
				.orElseThrow();
			assertThat(fail.method()).isEqualTo("POST");
			assertThat(fail.body()).isEqualTo("java.lang.IllegalStateException: export refused");
			assertThat(fail.query()).startsWith("rid=");
			assertThat(requests).filteredOn((request) -> request.query().equals(fail.query()))
				.extracting(PushServer.Request::path)
				.containsExactly("/ping/flaky/start", "/ping/flaky/fail");
			PushServer.Request ping = requests.stream()
				.filter((request) -> request.path().equals("/ping/flaky"))
				.findFirst()
				.orElseThrow();
			assertThat(requests).filteredOn((request) -> request.query().equals(ping.query()))
				.extracting(PushServer.Request::path)
				.containsExactly("/ping/flaky/start", "/ping/flaky");
		}
	}

	@Test
	void runsAreCountedByOutcomeAndTheTimeSinceTheLastSuccessIsAGauge() {
		this.contextRunner.withUserConfiguration(Scheduling.class)
			.withBean("jobs", Jobs.class)
			.withConfiguration(AutoConfigurations.of(BootLine.metrics()))
			.withConfiguration(AutoConfigurations.of(HeartbeatMetricsAutoConfiguration.class))
			.run((context) -> {
				MeterRegistry registry = context.getBean(MeterRegistry.class);
				Jobs jobs = context.getBean(Jobs.class);
				waiting().until(() -> registry.get(HeartbeatMetrics.TASK_RUNS)
					.tag("task", "jobs.flaky")
					.tag("outcome", "success")
					.counter()
					.count() >= 2);
				jobs.failing.set(true);
				waiting().until(() -> registry.get(HeartbeatMetrics.TASK_RUNS)
					.tag("task", "jobs.flaky")
					.tag("outcome", "failure")
					.counter()
					.count() >= 1);
				jobs.failing.set(false);
				// from the first judging after the refresh, which knows the task's last
				// success
				waiting().until(() -> !Double
					.isNaN(registry.get(HeartbeatMetrics.TASK_SINCE_SUCCESS).tag("task", "jobs.fine").gauge().value()));
				assertThat(registry.get(HeartbeatMetrics.TASK_SINCE_SUCCESS).tag("task", "jobs.fine").gauge().value())
					.isNotNegative()
					.isLessThan(WAIT.toSeconds());
			});
	}

	@Test
	void runsArePushedUnderLazyInitialization() throws IOException {
		try (PushServer server = new PushServer()) {
			this.contextRunner.withBean(LazyInitializationBeanFactoryPostProcessor.class)
				.withUserConfiguration(Scheduling.class)
				.withBean("jobs", Jobs.class)
				.withPropertyValues("heartbeat.tasks[jobs.flaky].push.url=" + server.url("/ping/flaky"))
				.run((context) -> {
					waiting().until(() -> server.paths().contains("/ping/flaky"));
					Heartbeat heartbeat = context.getBean(Heartbeat.class);
					waiting().until(() -> report(heartbeat, "jobs.flaky").succeeded() > 0);
				});
		}
	}

	@Test
	void heartbeatBuiltWithoutTheBuilderIsWarnedToJudgeNoTask(CapturedOutput output) {
		this.contextRunner.withUserConfiguration(Scheduling.class)
			.withBean("jobs", Jobs.class)
			.withBean("customHeartbeat", Heartbeat.class, () -> Heartbeat.builder().build())
			.run((context) -> assertThat(context).hasNotFailed());
		assertThat(output).contains("was not built from the auto-configured HeartbeatBuilder")
			.contains("the watch on scheduled tasks, which no beat judges [heartbeatTaskWatcher]");
	}

	@Test
	void settingOfNoTaskIsWarnedAbout(CapturedOutput output) {
		this.contextRunner.withUserConfiguration(Scheduling.class)
			.withBean("jobs", Jobs.class)
			.withPropertyValues("heartbeat.tasks[jobs.missing].grace=5s")
			.run((context) -> {
				Heartbeat heartbeat = context.getBean(Heartbeat.class);
				waiting().until(() -> !heartbeat.taskReports().isEmpty());
				waiting().until(() -> output.getOut()
					.contains("Heartbeat settings name the task "
							+ "'jobs.missing', but no scheduled task has that name"));
				assertThat(context).hasNotFailed();
			});
	}

	@Test
	void negativeGraceStopsStartupNamingTheProperty() {
		this.contextRunner.withUserConfiguration(Scheduling.class)
			.withBean("jobs", Jobs.class)
			.withPropertyValues("heartbeat.tasks[jobs.fine].grace=-5s")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("heartbeat.tasks[jobs.fine].grace")
				.hasMessageContaining("Set heartbeat.tasks[jobs.fine].grace to 0 or more"));
	}

	@Test
	void durationWithoutUnitIsSeconds() {
		this.contextRunner.withUserConfiguration(Scheduling.class)
			.withBean("jobs", Jobs.class)
			.withPropertyValues("heartbeat.tasks[jobs.fine].max-runtime=30")
			.run((context) -> {
				Heartbeat heartbeat = context.getBean(Heartbeat.class);
				waiting().until(() -> !heartbeat.taskReports().isEmpty());
				assertThat(report(heartbeat, "jobs.fine").maxRuntime()).isEqualTo(Duration.ofSeconds(30));
			});
	}

	private static ConditionFactory waiting() {
		// a task is reported from the first judging after the context's refresh
		return await().atMost(WAIT).ignoreExceptions();
	}

	private static TaskReport report(Heartbeat heartbeat, String name) {
		return heartbeat.taskReports()
			.stream()
			.filter((report) -> report.name().equals(name))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no task " + name + " in " + heartbeat.taskReports()));
	}

	@Configuration(proxyBeanMethods = false)
	@EnableScheduling
	static class Scheduling {

	}

	static class Jobs {

		static final AtomicBoolean HANG = new AtomicBoolean();

		final AtomicBoolean failing = new AtomicBoolean();

		final AtomicInteger runs = new AtomicInteger();

		@Scheduled(fixedDelay = 100)
		void hanging() throws InterruptedException {
			if (HANG.get()) {
				release.await();
			}
		}

		@Scheduled(fixedRate = 100)
		void fine() {
			this.runs.incrementAndGet();
		}

		@Scheduled(fixedRate = 100)
		void flaky() {
			if (this.failing.get()) {
				throw new IllegalStateException("export refused");
			}
		}

	}

	static class Schedules implements SchedulingConfigurer {

		@Scheduled(fixedRate = 5000)
		void rate() {
		}

		@Scheduled(fixedDelay = 3000)
		void delay() {
		}

		@Scheduled(cron = "*/2 * * * * *")
		void cron() {
		}

		@Override
		public void configureTasks(org.springframework.scheduling.config.ScheduledTaskRegistrar registrar) {
			registrar.addFixedRateTask(new NamedRunnable(), Duration.ofHours(1));
		}

		static final class NamedRunnable implements Runnable {

			@Override
			public void run() {
			}

			@Override
			public String toString() {
				return "nightly-cleanup";
			}

		}

	}

	static class BothListener implements HeartbeatListener, TaskListener {

		final List<TaskReport> changes = new CopyOnWriteArrayList<>();

		final AtomicInteger runsEnded = new AtomicInteger();

		@Override
		public void onTaskStatusChanged(TaskReport task, TaskStatus previous) {
			this.changes.add(task);
		}

		@Override
		public void onTaskRunEnded(String taskName, String runId, Duration took, @Nullable Throwable failure) {
			this.runsEnded.incrementAndGet();
		}

		boolean changed(String name, TaskStatus status) {
			return this.changes.stream().anyMatch((task) -> task.name().equals(name) && task.status() == status);
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class TaskEvents implements ApplicationListener<TaskEvent> {

		final List<TaskEvent> events = new CopyOnWriteArrayList<>();

		@Override
		public void onApplicationEvent(TaskEvent event) {
			this.events.add(event);
		}

	}

}
