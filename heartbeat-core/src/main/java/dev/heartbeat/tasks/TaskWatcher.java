package dev.heartbeat.tasks;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * Watches the tasks of a scheduler: judges each one's {@link TaskStatus state} from what
 * the scheduler shows (see {@link TaskSource}), tells {@link TaskListener listeners} of
 * each change, and keeps what a beat writes. A heartbeat given a watcher judges it once
 * per beat on one of its worker threads, never on the beat thread, and writes the states
 * of the last judging; so a beat costs the reading of one field.
 * <p>
 * A scheduler that reports its runs ({@link #runStarted}, {@link #runEnded}) adds run
 * counts and durations, and a run id for each run.
 *
 * @since 0.1.0
 */
public final class TaskWatcher {

	private static final Log logger = LogFactory.getLog(TaskWatcher.class);

	private static final TaskRuns NO_RUNS = new TaskRuns();

	private final TaskSource source;

	private final Map<String, TaskSettings> settings;

	private final Clock clock;

	private final List<TaskListener> listeners = new CopyOnWriteArrayList<>();

	// judged one pass at a time; read by any thread
	private volatile Map<String, TaskWatch> watches = Map.of();

	private volatile Map<String, TaskStatus> statuses = Map.of();

	private volatile Duration interval;

	private final Map<String, TaskRuns> runs = new ConcurrentHashMap<>();

	private final AtomicBoolean judging = new AtomicBoolean();

	private boolean namesChecked;

	/**
	 * Create a watcher.
	 * @param source the tasks to watch, asked on every judging
	 * @param settings the settings of each task that has some, by name; any other task
	 * has {@link TaskSettings#DEFAULT}
	 * @param interval the heartbeat's interval, the shortest default grace
	 * @param clock the clock that judges lateness and run times
	 */
	public TaskWatcher(TaskSource source, Map<String, TaskSettings> settings, Duration interval, Clock clock) {
		this.source = source;
		this.settings = Map.copyOf(settings);
		this.interval = interval;
		this.clock = clock;
	}

	/**
	 * Tell a listener of every change from now on.
	 * @param listener the listener
	 */
	public void addListener(TaskListener listener) {
		this.listeners.add(listener);
	}

	/**
	 * Use the interval of the heartbeat that judges these tasks for default graces, as
	 * {@code HeartbeatBuilder} does with its own after clamping.
	 * @param interval the heartbeat's interval
	 */
	public void useInterval(Duration interval) {
		this.interval = interval;
	}

	/**
	 * The names of the tasks whose settings make them critical, whether they are
	 * scheduled yet or not.
	 * @return the names, sorted
	 */
	public Set<String> criticalTasks() {
		Set<String> critical = new TreeSet<>();
		this.settings.forEach((name, taskSettings) -> {
			if (taskSettings.critical()) {
				critical.add(name);
			}
		});
		return Collections.unmodifiableSet(critical);
	}

	/**
	 * Judge the tasks on the given executor, unless a judging started earlier is still
	 * under way. Never blocks.
	 * @param executor where to judge
	 */
	public void judgeOn(Executor executor) {
		if (!this.judging.compareAndSet(false, true)) {
			return;
		}
		try {
			executor.execute(() -> {
				try {
					judge();
				}
				catch (RuntimeException ex) {
					logger.warn("Heartbeat could not judge the scheduled tasks; the next beat tries again", ex);
				}
				finally {
					this.judging.set(false);
				}
			});
		}
		catch (RejectedExecutionException ex) {
			// the heartbeat is stopping
			this.judging.set(false);
		}
	}

	/**
	 * Judge every task now, on the calling thread, and tell the listeners of each change.
	 */
	public synchronized void judge() {
		List<TaskView> views = this.source.tasks();
		Instant now = this.clock.instant();
		Duration interval = this.interval;
		Map<String, TaskWatch> previous = this.watches;
		Map<String, TaskWatch> current = new LinkedHashMap<>();
		Map<String, TaskStatus> written = new LinkedHashMap<>();
		List<Change> changes = new ArrayList<>();
		List<TaskWatch> added = new ArrayList<>();
		for (TaskView view : views) {
			String name = view.name();
			if (current.containsKey(name)) {
				continue;
			}
			TaskSchedule schedule = view.schedule();
			TaskWatch watch = previous.get(name);
			if (watch == null) {
				watch = new TaskWatch(name, schedule, this.settings.getOrDefault(name, TaskSettings.DEFAULT), interval,
						now);
				added.add(watch);
			}
			TaskStatus before = watch.judge(schedule, view.observe(), interval, now);
			if (before != null) {
				changes.add(new Change(watch, before));
			}
			current.put(name, watch);
			written.put(name, watch.status());
		}
		this.watches = Collections.unmodifiableMap(current);
		// an unchanged map stays the same object, so that a beat copies it only after a
		// change
		if (!written.equals(this.statuses)) {
			this.statuses = Collections.unmodifiableMap(written);
		}
		checkNames(current);
		for (TaskWatch watch : added) {
			TaskReport report = reportOf(watch);
			tell((listener) -> listener.onTaskWatched(report));
		}
		for (Change change : changes) {
			report(reportOf(change.watch()), change.before());
		}
	}

	private void checkNames(Map<String, TaskWatch> found) {
		if (this.namesChecked || !this.source.complete()) {
			return;
		}
		this.namesChecked = true;
		for (String name : this.settings.keySet()) {
			if (!found.containsKey(name)) {
				logger.warn("Heartbeat settings name the task '" + name + "', but no scheduled task has that name"
						+ " (tasks: " + found.keySet() + "); check the name under heartbeat.tasks");
			}
		}
	}

	private void report(TaskReport task, TaskStatus before) {
		if (task.status() == TaskStatus.OK) {
			logger.info("Scheduled task '" + task.name() + "' is OK again (it was " + before + ")");
		}
		else {
			logger.warn("Scheduled task '" + task.name() + "' is " + task.status() + ": " + task.reason());
		}
		tell((listener) -> listener.onTaskStatusChanged(task, before));
	}

	/**
	 * The state of each task, as last judged: what a beat writes.
	 * @return the states by name, in the order the source gave the tasks
	 */
	public Map<String, TaskStatus> statuses() {
		return this.statuses;
	}

	/**
	 * What the heartbeat knows of each task, as last judged.
	 * @return a report for each task
	 */
	public List<TaskReport> reports() {
		return this.watches.values().stream().map(this::reportOf).toList();
	}

	/**
	 * What the heartbeat knows of one task, as last judged.
	 * @param name the task's name
	 * @return its report, or empty if no task of that name was judged
	 */
	public Optional<TaskReport> report(String name) {
		TaskWatch watch = this.watches.get(name);
		return (watch != null) ? Optional.of(reportOf(watch)) : Optional.empty();
	}

	/**
	 * The clock that judges lateness and run times.
	 * @return the clock
	 */
	public Clock clock() {
		return this.clock;
	}

	/**
	 * Report that a run of a task starts, on the task's thread.
	 * @param taskName the task
	 * @return the id that pairs this start with {@link #runEnded}
	 */
	public String runStarted(String taskName) {
		String runId = UUID.randomUUID().toString();
		tell((listener) -> listener.onTaskRunStarted(taskName, runId));
		return runId;
	}

	/**
	 * Report that a run of a task ended, on the task's thread.
	 * @param taskName the task
	 * @param runId the id {@link #runStarted} gave
	 * @param took how long the run took
	 * @param failure what the run threw, or {@code null} if it returned
	 */
	public void runEnded(String taskName, String runId, Duration took, @Nullable Throwable failure) {
		this.runs.computeIfAbsent(taskName, (name) -> new TaskRuns()).ran(this.clock.instant(), took, failure != null);
		tell((listener) -> listener.onTaskRunEnded(taskName, runId, took, failure));
	}

	@Override
	public String toString() {
		return this.watches.keySet().toString();
	}

	// a listener that throws is logged: it never stops a judging or a run
	private void tell(Consumer<TaskListener> callback) {
		for (TaskListener listener : this.listeners) {
			try {
				callback.accept(listener);
			}
			catch (RuntimeException ex) {
				logger.warn("Heartbeat task listener " + listener + " failed", ex);
			}
		}
	}

	private TaskReport reportOf(TaskWatch watch) {
		TaskRuns taskRuns = this.runs.get(watch.name());
		return watch.report((taskRuns != null) ? taskRuns : NO_RUNS);
	}

	private record Change(TaskWatch watch, TaskStatus before) {
	}

}
