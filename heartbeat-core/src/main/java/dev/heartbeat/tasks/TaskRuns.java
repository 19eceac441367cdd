package dev.heartbeat.tasks;

import java.time.Duration;
import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * What the runs of one task told, counted from its first run on, whether it was judged
 * yet or not. Written from the scheduler's threads under its own lock.
 */
final class TaskRuns {

	private @Nullable Instant lastSuccess;

	private @Nullable Duration lastDuration;

	private long succeeded;

	private long failed;

	synchronized void ran(Instant ended, Duration took, boolean threw) {
		this.lastDuration = took;
		if (threw) {
			this.failed++;
		}
		else {
			this.succeeded++;
			this.lastSuccess = ended;
		}
	}

	synchronized @Nullable Instant lastSuccess() {
		return this.lastSuccess;
	}

	synchronized @Nullable Duration lastDuration() {
		return this.lastDuration;
	}

	synchronized long succeeded() {
		return this.succeeded;
	}

	synchronized long failed() {
		return this.failed;
	}

}
