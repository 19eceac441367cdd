package dev.heartbeat.context;

import dev.heartbeat.Heartbeat;

import org.springframework.context.SmartLifecycle;

/**
 * Starts a {@link Heartbeat} with the application context and stops it last, and starts
 * it again when the context's lifecycle beans start again after a stop (after
 * {@code ConfigurableApplicationContext.stop()} and {@code start()}, or a CRaC checkpoint
 * and restore). {@link ApplicationPhaseStatus} makes the status it writes follow the
 * application.
 * <p>
 * The heartbeat starts in an early phase and so stops in a late one: it keeps beating
 * while the web server drains its requests.
 *
 * @since 0.1.0
 */
public class HeartbeatLifecycle implements SmartLifecycle {

	/**
	 * The phase of the heartbeat: below the web server's (which stops at
	 * {@code DEFAULT_PHASE - 2048}), so that it stops after every other lifecycle bean.
	 */
	public static final int PHASE = Integer.MIN_VALUE + 1024;

	private final Heartbeat heartbeat;

	/**
	 * Create a lifecycle for a heartbeat.
	 * @param heartbeat the heartbeat to run
	 */
	public HeartbeatLifecycle(Heartbeat heartbeat) {
		this.heartbeat = heartbeat;
	}

	@Override
	public void start() {
		if (!this.heartbeat.isShutdown() && !this.heartbeat.isRunning()) {
			this.heartbeat.start();
		}
	}

	@Override
	public void stop() {
		this.heartbeat.stop();
	}

	/**
	 * Whether the heartbeat is running, as the heartbeat itself says: the lifecycle
	 * processor starts it again after a stop only if it is not.
	 * @return {@code true} while the heartbeat beats
	 */
	@Override
	public boolean isRunning() {
		return this.heartbeat.isRunning();
	}

	@Override
	public int getPhase() {
		return PHASE;
	}

}
