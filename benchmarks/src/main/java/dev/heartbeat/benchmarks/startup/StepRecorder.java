package dev.heartbeat.benchmarks.startup;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

import org.springframework.core.metrics.ApplicationStartup;
import org.springframework.core.metrics.StartupStep;

/**
 * Records the start-up steps of an application, like Boot's
 * {@code BufferingApplicationStartup}, with the CPU time of the thread that ran each step
 * besides its wall time: on a machine shared with other work, a step's wall time counts
 * the time its thread waited for a core, its CPU time does not.
 */
final class StepRecorder implements ApplicationStartup {

	private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

	private final AtomicLong ids = new AtomicLong();

	private final ThreadLocal<@Nullable Step> current = new ThreadLocal<>();

	private final List<Step> ended = new ArrayList<>();

	@Override
	public StartupStep start(String name) {
		Step step = new Step(this.ids.getAndIncrement(), name, this.current.get());
		this.current.set(step);
		return step;
	}

	/**
	 * The steps ended so far, which are then forgotten.
	 * @return the steps, in the order they ended
	 */
	List<Step> drain() {
		synchronized (this.ended) {
			List<Step> steps = new ArrayList<>(this.ended);
			this.ended.clear();
			return steps;
		}
	}

	/**
	 * One step: its name, tags, parent (the step its thread was in when it started), and
	 * times.
	 */
	final class Step implements StartupStep {

		private final long id;

		private final String name;

		private final @Nullable Step parent;

		private final List<Tag> tags = new ArrayList<>();

		private final long startNanos = System.nanoTime();

		private final long startCpuNanos = THREADS.getCurrentThreadCpuTime();

		private final long startClassNanos = ClassTime.loading();

		private final long startVerifyNanos = ClassTime.verifying();

		private long classNanos;

		private long verifyNanos;

		private long wallNanos;

		private long cpuNanos;

		Step(long id, String name, @Nullable Step parent) {
			this.id = id;
			this.name = name;
			this.parent = parent;
		}

		@Override
		public String getName() {
			return this.name;
		}

		@Override
		public long getId() {
			return this.id;
		}

		@Override
		public @Nullable Long getParentId() {
			return (this.parent != null) ? this.parent.id : null;
		}

		@Nullable Step parent() {
			return this.parent;
		}

		@Nullable String tag(String key) {
			for (Tag tag : this.tags) {
				if (key.equals(tag.getKey())) {
					return tag.getValue();
				}
			}
			return null;
		}

		@Override
		public StartupStep tag(String key, String value) {
			this.tags.add(new SimpleTag(key, value));
			return this;
		}

		@Override
		public StartupStep tag(String key, Supplier<String> value) {
			return tag(key, value.get());
		}

		@Override
		public Tags getTags() {
			List<Tag> copy = List.copyOf(this.tags);
			return copy::iterator;
		}

		@Override
		public void end() {
			this.wallNanos = System.nanoTime() - this.startNanos;
			this.cpuNanos = THREADS.getCurrentThreadCpuTime() - this.startCpuNanos;
			this.classNanos = ClassTime.loading() - this.startClassNanos;
			this.verifyNanos = ClassTime.verifying() - this.startVerifyNanos;
			StepRecorder.this.current.set(this.parent);
			synchronized (StepRecorder.this.ended) {
				StepRecorder.this.ended.add(this);
			}
		}

		double wallMillis() {
			return this.wallNanos / 1e6;
		}

		double cpuMillis() {
			return this.cpuNanos / 1e6;
		}

		// class loading, linking, verifying and initialising within the step, on any
		// thread (0 unless -Dstartup.classtime=true)
		double classMillis() {
			return this.classNanos / 1e6;
		}

		double verifyMillis() {
			return this.verifyNanos / 1e6;
		}

	}

	private record SimpleTag(String getKey, String getValue) implements StartupStep.Tag {
	}

}
