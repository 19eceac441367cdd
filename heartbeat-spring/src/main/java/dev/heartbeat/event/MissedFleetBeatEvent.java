package dev.heartbeat.event;

import dev.heartbeat.fleet.FleetException;

/**
 * Published when a beat could not be written to the fleet store, or not within the
 * timeout. The local heartbeat is not affected, and the next beat tries again.
 *
 * @since 0.1.0
 */
public class MissedFleetBeatEvent extends HeartbeatEvent {

	private static final long serialVersionUID = 1L;

	private final FleetException failure;

	/**
	 * Create an event.
	 * @param source the publisher of the event
	 * @param failure why the write failed
	 */
	public MissedFleetBeatEvent(Object source, FleetException failure) {
		super(source);
		this.failure = failure;
	}

	/**
	 * Why the write failed.
	 * @return the failure
	 */
	public FleetException getFailure() {
		return this.failure;
	}

}
