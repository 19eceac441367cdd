package dev.heartbeat.autoconfigure.fleet;

import dev.heartbeat.context.HeartbeatLifecycle;
import dev.heartbeat.fleet.FleetWatcher;

import org.springframework.context.SmartLifecycle;

/**
 * Runs the {@link FleetWatcher} while the application context runs.
 */
class FleetWatcherLifecycle implements SmartLifecycle {

	/**
	 * Started after the heartbeat and stopped before it, so that this instance is in the store
	 * before it looks at its peers.
	 */
	static final int PHASE = HeartbeatLifecycle.PHASE + 1024;

	private final FleetWatcher watcher;

	private volatile boolean running;

	FleetWatcherLifecycle(FleetWatcher watcher) {
		this.watcher = watcher;
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
