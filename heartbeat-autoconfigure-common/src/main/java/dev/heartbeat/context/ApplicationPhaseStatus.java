package dev.heartbeat.context;

import dev.heartbeat.Heartbeat;
import dev.heartbeat.HeartbeatStatus;

/**
 * Makes the status a {@link Heartbeat} writes follow its application:
 * {@link HeartbeatStatus#STARTING} from the start of the heartbeat until the application
 * is ready, then {@link HeartbeatStatus#UP}; {@link HeartbeatStatus#STOPPING} from the
 * moment the context starts closing, and the heartbeat's stop action (by default
 * {@link HeartbeatStatus#STOPPED}) last.
 * <p>
 * When the context's lifecycle beans stop and start again while it stays open
 * ({@code ConfigurableApplicationContext.stop()} and {@code start()}, or a CRaC
 * checkpoint and restore), the status goes {@code STOPPING} as they begin to stop,
 * {@code STOPPED} when the heartbeat stops, {@code STARTING} when it starts again, and
 * {@code UP} again once every lifecycle bean has started again: no
 * {@code ApplicationReadyEvent} comes then.
 *
 * @since 0.1.0
 */
public class ApplicationPhaseStatus extends ApplicationPhaseListener {

	private final Heartbeat heartbeat;

	/**
	 * Create the status of a heartbeat.
	 * @param heartbeat the heartbeat whose status follows the application
	 */
	public ApplicationPhaseStatus(Heartbeat heartbeat) {
		this.heartbeat = heartbeat;
	}

	@Override
	protected void applicationReady() {
		this.heartbeat.updateStatus(HeartbeatStatus.UP);
	}

	@Override
	protected void applicationStopping() {
		this.heartbeat.updateStatus(HeartbeatStatus.STOPPING);
	}

	@Override
	protected void contextClosing() {
		this.heartbeat.updateStatus(HeartbeatStatus.STOPPING);
	}

}
