package dev.heartbeat.metrics;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

import dev.heartbeat.BeatOutcome;
import dev.heartbeat.Heartbeat;
import dev.heartbeat.HeartbeatListener;
import dev.heartbeat.HeartbeatState;
import dev.heartbeat.HeartbeatTarget;
import dev.heartbeat.PreviousRun;
import dev.heartbeat.RecoveryOutcome;
import dev.heartbeat.TargetReport;
import dev.heartbeat.TargetStatus;
import dev.heartbeat.tasks.TaskListener;
import dev.heartbeat.tasks.TaskReport;
import dev.heartbeat.tasks.TaskStatus;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.jspecify.annotations.Nullable;

/**
 * Micrometer meters of a {@link Heartbeat}: a {@link HeartbeatListener} that counts beats
 * and recoveries, and a {@link MeterBinder} whose gauges read the heartbeat.
 * <p>
 * Add it to the heartbeat as a listener, then bind it to a registry. The heartbeat is
 * asked for only when the meters are bound, since it is built with this listener:
 * <pre class="code">
 * AtomicReference&lt;Heartbeat&gt; heartbeat = new AtomicReference&lt;&gt;();
 * HeartbeatMetrics metrics = new HeartbeatMetrics(heartbeat::get);
 * heartbeat.set(Heartbeat.builder().listener(metrics).build());
 * metrics.bindTo(registry);
 * </pre> {@link #close() Closing} it removes its meters from every registry it was bound
 * to, so that a registry that outlives the heartbeat (a test's, the global one) never
 * keeps gauges of a stopped heartbeat, and a new heartbeat's meters are registered
 * afresh.
 *
 * @since 0.1.0
 */
public final class HeartbeatMetrics implements HeartbeatListener, TaskListener, MeterBinder, AutoCloseable {

	/**
	 * Counter of beat attempts, tagged {@code result} ({@code success} or
	 * {@code failure}).
	 */
	public static final String BEATS = "heartbeat.beats";

	/**
	 * Timer of the time taken to build and write one beat.
	 */
	public static final String BEAT_DURATION = "heartbeat.beat.duration";

	/**
	 * Gauge of the seconds since the last beat that was written, on the monotonic clock.
	 */
	public static final String LAST_BEAT_AGE = "heartbeat.last.beat.age";

	/**
	 * Gauge of the number of targets, tagged {@code state} ({@code alive} or
	 * {@code dead}).
	 */
	public static final String TARGETS = "heartbeat.targets";

	/**
	 * Counter of recovery attempts, tagged {@code target} and {@code outcome}
	 * ({@code recovered}, {@code failed} or {@code timeout}).
	 */
	public static final String RECOVERIES = "heartbeat.recoveries";

	/**
	 * Timer of how late each scheduled beat started against its fixed-rate schedule: its
	 * {@code max} rises with an overloaded machine or a paused process.
	 */
	public static final String BEAT_LATENESS = "heartbeat.beat.lateness";

	/**
	 * Timer of the longest stop-the-world garbage-collection pause between two beats, one
	 * sample per beat: its {@code max} tells a GC spiral from a hang.
	 */
	public static final String BEAT_GC_PAUSE = "heartbeat.beat.gc.pause";

	/**
	 * Counter of starts that found the previous run of the application in the state file,
	 * tagged {@code clean} ({@code true} if it stopped cleanly, {@code false} if it
	 * crashed or was killed).
	 */
	public static final String RESTARTS = "heartbeat.restarts";

	/**
	 * Counter of the runs of each watched scheduled task, tagged {@code task} and
	 * {@code outcome} ({@code success} or {@code failure}); counted where the scheduler
	 * reports runs.
	 */
	public static final String TASK_RUNS = "heartbeat.task.runs";

	/**
	 * Gauge of the seconds since each watched scheduled task last succeeded, tagged
	 * {@code task}; NaN before its first success.
	 */
	public static final String TASK_SINCE_SUCCESS = "heartbeat.task.since.success";

	private final Supplier<Heartbeat> heartbeat;

	private final List<BoundMeters> bound = new CopyOnWriteArrayList<>();

	// guarded by bound: previous runs told before a registry was bound are counted in it
	// too
	private long cleanRestarts;

	private long uncleanRestarts;

	/**
	 * Create the meters of a heartbeat.
	 * @param heartbeat supplies the heartbeat whose gauges to read, asked for by
	 * {@link #bindTo(MeterRegistry)}
	 */
	public HeartbeatMetrics(Supplier<Heartbeat> heartbeat) {
		this.heartbeat = heartbeat;
	}

	/**
	 * Register the heartbeat's meters with a registry. Binding twice to one registry
	 * changes nothing.
	 * @param registry the registry
	 */
	@Override
	public void bindTo(MeterRegistry registry) {
		synchronized (this.bound) {
			if (this.bound.stream().noneMatch((meters) -> meters.registry == registry)) {
				BoundMeters meters = new BoundMeters(registry, this.heartbeat.get());
				meters.restarts(true, this.cleanRestarts);
				meters.restarts(false, this.uncleanRestarts);
				this.bound.add(meters);
			}
		}
	}

	@Override
	public void onBeat(HeartbeatState state) {
		this.bound.forEach((meters) -> meters.timing(state));
	}

	@Override
	public void onBeatOutcome(BeatOutcome outcome) {
		this.bound.forEach((meters) -> meters.beat(outcome));
	}

	@Override
	public void onRecoveryAttempt(String targetName, HeartbeatTarget target, RecoveryOutcome outcome) {
		this.bound.forEach((meters) -> meters.recovery(targetName, outcome));
	}

	@Override
	public void onPreviousRun(PreviousRun previousRun) {
		synchronized (this.bound) {
			if (previousRun.clean()) {
				this.cleanRestarts++;
			}
			else {
				this.uncleanRestarts++;
			}
			this.bound.forEach((meters) -> meters.restarts(previousRun.clean(), 1));
		}
	}

	@Override
	public void onTaskStatusChanged(TaskReport task, TaskStatus previous) {
		// states are written in the state file and counted by no meter
	}

	@Override
	public void onTaskWatched(TaskReport task) {
		this.bound.forEach((meters) -> meters.task(task.name()));
	}

	@Override
	public void onTaskRunEnded(String taskName, String runId, Duration took, @Nullable Throwable failure) {
		this.bound.forEach((meters) -> meters.taskRun(taskName, failure == null));
	}

	/**
	 * Remove the meters from every registry they were bound to.
	 */
	@Override
	public void close() {
		synchronized (this.bound) {
			this.bound.forEach(BoundMeters::remove);
			this.bound.clear();
		}
	}

	private static String tagValue(Enum<?> value) {
		return value.name().toLowerCase(Locale.ROOT);
	}

	private static double lastBeatAge(Heartbeat heartbeat) {
		// NaN before the first beat: no age rather than a made-up one
		return heartbeat.timeSinceLastBeat().map((age) -> age.toNanos() / 1e9).orElse(Double.NaN);
	}

	private static double sinceSuccess(Heartbeat heartbeat, String task) {
		TaskReport report = heartbeat.taskReport(task).orElse(null);
		Duration since = (report != null) ? report.timeSinceLastSuccess(heartbeat.clock().instant()) : null;
		return (since != null) ? since.toNanos() / 1e9 : Double.NaN;
	}

	private static double countTargets(Heartbeat heartbeat, TargetStatus status) {
		return heartbeat.targets().values().stream().filter(status::equals).count();
	}

	/**
	 * The meters registered with one registry.
	 */
	private static final class BoundMeters {

		private final MeterRegistry registry;

		private final List<Meter> meters = new ArrayList<>();

		private final Counter successes;

		private final Counter failures;

		private final Timer duration;

		private final Map<String, Counter> recoveries = new ConcurrentHashMap<>();

		private final Timer lateness;

		private final Timer gcPause;

		private final Counter cleanRestarts;

		private final Counter uncleanRestarts;

		private final Heartbeat heartbeat;

		private final Map<String, Counter> taskRuns = new ConcurrentHashMap<>();

		BoundMeters(MeterRegistry registry, Heartbeat heartbeat) {
			this.registry = registry;
			this.heartbeat = heartbeat;
			this.successes = add(beats("success"));
			this.failures = add(beats("failure"));
			this.lateness = add(Timer.builder(BEAT_LATENESS)
				.description("How late each scheduled beat started against its fixed-rate schedule")
				.register(registry));
			this.gcPause = add(Timer.builder(BEAT_GC_PAUSE)
				.description("Longest stop-the-world garbage-collection pause between two beats, one sample per beat")
				.register(registry));
			// both at zero from the start, so that an alert on unclean restarts has a
			// series
			this.cleanRestarts = add(restarts(true));
			this.uncleanRestarts = add(restarts(false));
			this.duration = add(Timer.builder(BEAT_DURATION)
				.description("Time taken to build and write one beat")
				.register(registry));
			add(Gauge.builder(LAST_BEAT_AGE, heartbeat, HeartbeatMetrics::lastBeatAge)
				.description("Time since the last beat that was written, on the monotonic clock")
				.baseUnit("seconds")
				.register(registry));
			for (TargetStatus status : TargetStatus.values()) {
				add(Gauge.builder(TARGETS, heartbeat, (watched) -> countTargets(watched, status))
					.description("Watched targets in each state")
					.tag("state", tagValue(status))
					.register(registry));
			}
			// registered at zero, so that a rate or an alert has a series before the
			// first recovery
			heartbeat.targetReports().stream().map(TargetReport::name).forEach((target) -> {
				for (RecoveryOutcome outcome : RecoveryOutcome.values()) {
					recoveryCounter(target, outcome);
				}
			});
			heartbeat.taskReports().forEach((task) -> task(task.name()));
		}

		void beat(BeatOutcome outcome) {
			(outcome.isSuccess() ? this.successes : this.failures).increment();
			this.duration.record(outcome.duration());
		}

		void timing(HeartbeatState state) {
			Duration lateBy = state.lateBy();
			if (lateBy != null) {
				this.lateness.record(lateBy);
			}
			Duration maxPause = state.maxPause();
			if (maxPause != null) {
				this.gcPause.record(maxPause);
			}
		}

		void restarts(boolean clean, long count) {
			(clean ? this.cleanRestarts : this.uncleanRestarts).increment(count);
		}

		void task(String task) {
			taskRunCounter(task, true);
			taskRunCounter(task, false);
		}

		void taskRun(String task, boolean success) {
			taskRunCounter(task, success).increment();
		}

		private Counter taskRunCounter(String task, boolean success) {
			return this.taskRuns.computeIfAbsent(task + '\u0000' + success, (key) -> {
				if (success) {
					// one gauge per task, with its first counter
					add(Gauge.builder(TASK_SINCE_SUCCESS, this.heartbeat, (watched) -> sinceSuccess(watched, task))
						.description("Time since the scheduled task last succeeded")
						.tag("task", task)
						.baseUnit("seconds")
						.register(this.registry));
				}
				return add(Counter.builder(TASK_RUNS)
					.description("Runs of a scheduled task")
					.tag("task", task)
					.tag("outcome", success ? "success" : "failure")
					.register(this.registry));
			});
		}

		void recovery(String target, RecoveryOutcome outcome) {
			recoveryCounter(target, outcome).increment();
		}

		void remove() {
			synchronized (this.meters) {
				this.meters.forEach(this.registry::remove);
				this.meters.clear();
			}
		}

		private Counter recoveryCounter(String target, RecoveryOutcome outcome) {
			return this.recoveries.computeIfAbsent(target + '\u0000' + outcome,
					(key) -> add(Counter.builder(RECOVERIES)
						.description("Recovery attempts of dead targets")
						.tag("target", target)
						.tag("outcome", tagValue(outcome))
						.register(this.registry)));
		}

		private Counter restarts(boolean clean) {
			return Counter.builder(RESTARTS)
				.description("Starts that found the previous run of the application, by whether it stopped cleanly")
				.tag("clean", Boolean.toString(clean))
				.register(this.registry);
		}

		private Counter beats(String result) {
			return Counter.builder(BEATS)
				.description("Beat attempts, written or not")
				.tag("result", result)
				.register(this.registry);
		}

		private <M extends Meter> M add(M meter) {
			synchronized (this.meters) {
				this.meters.add(meter);
			}
			return meter;
		}

	}

}
