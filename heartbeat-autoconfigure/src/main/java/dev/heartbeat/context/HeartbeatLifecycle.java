package dev.heartbeat.context;

import dev.heartbeat.Heartbeat;
import dev.heartbeat.HeartbeatStatus;

import org.springframework.context.SmartLifecycle;

/**
 * Starts a {@link Heartbeat} with the application context and makes the status in its
 * state file follow the application: {@link HeartbeatStatus#STARTING} until the
 * application is ready, {@link HeartbeatStatus#UP}, {@link HeartbeatStatus#STOPPING} from
 * the moment the context starts closing, and the heartbeat's stop action (by default
 * {@link HeartbeatStatus#STOPPED}) last.
 * <p>
 * The heartbeat starts in an early phase and so stops in a late one: it keeps beating
 * while the web server drains its requests.
 *
 * @since 0.1.0
 */
public class HeartbeatLifecycle extends ApplicationPhaseListener implements SmartLifecycle {

	/**
	 * The phase of the heartbeat: below the web server's (which stops at
	 * {@code DEFAULT_PHASE - 2048}), so that it stops after every other lifecycle bean.
	 */
	public static final int PHASE = Integer.MIN_VALUE + 1024;

	private final Heartbeat heartbeat;

	private volatile boolean running;

	/**
	 * Create a lifecycle for a heartbeat.
	 * @param heartbeat the heartbeat to run
	 */
	public HeartbeatLifecycle(Heartbeat heartbeat) {
		this.heartbeat = heartbeat;
	}

	@Override
	public void start() {
		if (!this.heartbeat.isShutdown()) {
			this.heartbeat.start();
			this.running = true;
		}
	}

	@Override
	public void stop() {
		this.running = false;
		this.heartbeat.stop();
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	@Override
	public int getPhase() {
		return PHASE;
	}

	@Override
	protected void applicationReady() {
		this.heartbeat.updateStatus(HeartbeatStatus.UP);
	}

	@Override
	protected void contextClosing() {
		this.heartbeat.updateStatus(HeartbeatStatus.STOPPING);
	}

}
