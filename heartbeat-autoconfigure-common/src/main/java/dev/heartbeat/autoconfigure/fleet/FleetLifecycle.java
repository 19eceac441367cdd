package dev.heartbeat.autoconfigure.fleet;

import dev.heartbeat.fleet.FleetPublisher;
import dev.heartbeat.fleet.FleetWatcher;

import org.springframework.context.SmartLifecycle;

/**
 * Runs the {@link FleetWatcher} while the application context runs, and marks this
 * instance {@code STOPPED} in the store when it stops.
 */
class FleetLifecycle implements SmartLifecycle {

	/**
	 * Stopped after the web server's graceful shutdown ({@code DEFAULT_PHASE - 1024}), so
	 * that the instance is marked stopped once it has drained its requests, and before
	 * the clients of the store stop (Lettuce's connection factory stops in phase 0).
	 * Started after the heartbeat.
	 */
	static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 2048;

	private final FleetWatcher watcher;

	private final FleetPublisher publisher;

	private volatile boolean running;

	FleetLifecycle(FleetWatcher watcher, FleetPublisher publisher) {
		this.watcher = watcher;
		this.publisher = publisher;
	}

	@Override
	public void start() {
		this.watcher.start();
		this.running = true;
	}

	@Override
	public void stop() {
		this.running = false;
		this.watcher.stop();
		this.publisher.depart();
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	@Override
	public int getPhase() {
		return PHASE;
	}

}
