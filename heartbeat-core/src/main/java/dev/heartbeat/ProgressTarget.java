package dev.heartbeat;

import org.jspecify.annotations.Nullable;

/**
 * The target that watches a {@link Progress}: dead while the loop is stalled past its
 * deadline.
 */
final class ProgressTarget implements HeartbeatTarget {

	private final Progress progress;

	ProgressTarget(Progress progress) {
		this.progress = progress;
	}

	@Override
	public boolean isDead() {
		return this.progress.isStalled();
	}

	@Override
	public @Nullable String reason() {
		return "stalled: not touched for " + this.progress.sinceTouched() + ", past its deadline of "
				+ this.progress.deadline();
	}

	@Override
	public String name() {
		return this.progress.name();
	}

	Progress progress() {
		return this.progress;
	}

	@Override
	public String toString() {
		return "progress " + this.progress;
	}

}
