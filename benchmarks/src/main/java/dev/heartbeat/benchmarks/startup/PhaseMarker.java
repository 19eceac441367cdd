package dev.heartbeat.benchmarks.startup;

import java.lang.management.ManagementFactory;

import org.springframework.context.SmartLifecycle;

/**
 * A lifecycle bean that does nothing but note when its phase started: two of them, one
 * phase either side of the heartbeat's, bracket the heartbeat's start (its first beat
 * included).
 */
class PhaseMarker implements SmartLifecycle {

	/**
	 * The phase of {@code dev.heartbeat.context.HeartbeatLifecycle}, which the run
	 * without the starter cannot load.
	 */
	static final int HEARTBEAT_PHASE = Integer.MIN_VALUE + 1024;

	private final int phase;

	private volatile long startedNanos;

	private volatile long startedCpuNanos;

	private volatile long startedClassNanos;

	private volatile boolean running;

	PhaseMarker(int phase) {
		this.phase = phase;
	}

	@Override
	public void start() {
		this.startedNanos = System.nanoTime();
		this.startedCpuNanos = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
		this.startedClassNanos = ClassTime.loading();
		this.running = true;
	}

	@Override
	public void stop() {
		this.running = false;
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	@Override
	public int getPhase() {
		return this.phase;
	}

	long startedNanos() {
		return this.startedNanos;
	}

	long startedCpuNanos() {
		return this.startedCpuNanos;
	}

	long startedClassNanos() {
		return this.startedClassNanos;
	}

}
