package dev.heartbeat;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;

import dev.heartbeat.tasks.TaskReport;
import dev.heartbeat.tasks.TaskStatus;
import dev.heartbeat.tasks.TaskWatcher;
import org.jspecify.annotations.Nullable;

/**
 * The scheduled tasks of a heartbeat, if it watches some: judged once per beat off the
 * beat thread, and written by each beat as last judged.
 */
final class BeatTasks {

	private final @Nullable TaskWatcher watcher;

	// guarded by the beat lock: a beat copies the states only when a judging changed them
	private @Nullable Map<String, TaskStatus> judged;

	private Map<String, TaskStatus> written = FrozenMap.empty();

	BeatTasks(@Nullable TaskWatcher watcher) {
		this.watcher = watcher;
	}

	/**
	 * Judge the tasks on the given executor unless a judging is still under way.
	 * @param executor the heartbeat's workers
	 */
	void beat(Executor executor) {
		if (this.watcher != null) {
			this.watcher.judgeOn(executor);
		}
	}

	/**
	 * What the heartbeat knows of each task.
	 * @return the reports of the last judging, or an empty list without tasks
	 */
	List<TaskReport> reports() {
		return (this.watcher != null) ? this.watcher.reports() : List.of();
	}

	/**
	 * What the heartbeat knows of one task.
	 * @param name the task's name
	 * @return its report, or empty if no task of that name was judged
	 */
	Optional<TaskReport> report(String name) {
		return (this.watcher != null) ? this.watcher.report(name) : Optional.empty();
	}

	/**
	 * The states a beat writes, with the beat lock held.
	 * @return the states of the last judging, frozen
	 */
	Map<String, TaskStatus> written() {
		if (this.watcher == null) {
			return this.written;
		}
		Map<String, TaskStatus> statuses = this.watcher.statuses();
		if (statuses != this.judged) {
			this.judged = statuses;
			this.written = FrozenMap.copyOf(statuses);
		}
		return this.written;
	}

}
