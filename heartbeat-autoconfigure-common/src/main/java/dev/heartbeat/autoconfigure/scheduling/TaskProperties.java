package dev.heartbeat.autoconfigure.scheduling;

import java.net.URI;
import java.time.Duration;
import java.time.temporal.ChronoUnit;

import dev.heartbeat.tasks.TaskSettings;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.convert.DurationUnit;

/**
 * Settings of one scheduled task, bound from {@code heartbeat.tasks[<name>]}.
 *
 * @since 0.1.0
 */
public class TaskProperties {

	/**
	 * How late a run may start before the task is OVERDUE. One period or one heartbeat
	 * interval, whichever is longer, unless set. If a duration suffix is not specified,
	 * seconds will be used.
	 */
	@DurationUnit(ChronoUnit.SECONDS)
	private @Nullable Duration grace;

	/**
	 * How long a run may take before the task is STUCK. No limit unless set. If a
	 * duration suffix is not specified, seconds will be used.
	 */
	@DurationUnit(ChronoUnit.SECONDS)
	private @Nullable Duration maxRuntime;

	/**
	 * Whether the task being OVERDUE or STUCK escalates, as a critical target does.
	 */
	private boolean critical;

	private final Push push = new Push();

	public @Nullable Duration getGrace() {
		return this.grace;
	}

	public void setGrace(@Nullable Duration grace) {
		this.grace = grace;
	}

	public @Nullable Duration getMaxRuntime() {
		return this.maxRuntime;
	}

	public void setMaxRuntime(@Nullable Duration maxRuntime) {
		this.maxRuntime = maxRuntime;
	}

	public boolean isCritical() {
		return this.critical;
	}

	public void setCritical(boolean critical) {
		this.critical = critical;
	}

	public Push getPush() {
		return this.push;
	}

	/**
	 * The settings the task is judged with.
	 * @return the settings
	 */
	public TaskSettings toSettings() {
		return new TaskSettings(this.grace, this.maxRuntime, this.critical);
	}

	/**
	 * Push monitor of the task's runs.
	 */
	public static class Push {

		/**
		 * URL told of each run: /start when it starts, the URL when it succeeds, /fail
		 * when it throws, each with the run's id as rid.
		 */
		private @Nullable URI url;

		public @Nullable URI getUrl() {
			return this.url;
		}

		public void setUrl(@Nullable URI url) {
			this.url = url;
		}

	}

}
