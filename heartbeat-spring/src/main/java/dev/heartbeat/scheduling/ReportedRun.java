package dev.heartbeat.scheduling;

import java.time.Duration;

import dev.heartbeat.tasks.TaskWatcher;
import org.jspecify.annotations.Nullable;

import org.springframework.scheduling.SchedulingAwareRunnable;

/**
 * The runnable of a task, as the scheduler runs it: each run is reported to the watcher
 * when it starts and when it ends. What the runnable throws is thrown on, as the
 * scheduler expects; its qualifier (the scheduler a {@code @Scheduled} method asks for)
 * and whether it is long-lived are its own.
 */
final class ReportedRun implements SchedulingAwareRunnable {

	private final Runnable runnable;

	private final SpringScheduledTasks tasks;

	private final TaskWatcher watcher;

	ReportedRun(Runnable runnable, SpringScheduledTasks tasks, TaskWatcher watcher) {
		this.runnable = runnable;
		this.tasks = tasks;
		this.watcher = watcher;
	}

	@Override
	public void run() {
		String name = this.tasks.nameOf(this.runnable);
		if (name == null) {
			// not a task of a holder: nothing to report it under
			this.runnable.run();
			return;
		}
		String runId = this.watcher.runStarted(name);
		long started = System.nanoTime();
		Throwable failure = null;
		try {
			this.runnable.run();
		}
		catch (RuntimeException | Error ex) {
			failure = ex;
			throw ex;
		}
		finally {
			this.watcher.runEnded(name, runId, Duration.ofNanos(System.nanoTime() - started), failure);
		}
	}

	@Override
	public boolean isLongLived() {
		return (this.runnable instanceof SchedulingAwareRunnable aware) && aware.isLongLived();
	}

	@Override
	public @Nullable String getQualifier() {
		return (this.runnable instanceof SchedulingAwareRunnable aware) ? aware.getQualifier() : null;
	}

	@Override
	public String toString() {
		return this.runnable.toString();
	}

}
