package dev.heartbeat.event;

import dev.heartbeat.HeartbeatException;

/**
 * Published when a scheduled beat could not be written. The next beat tries again.
 *
 * @since 0.1.0
 */
public class MissedBeatEvent extends HeartbeatEvent {

	private static final long serialVersionUID = 1L;

	private final HeartbeatException failure;

	/**
	 * Create an event.
	 * @param source the publisher of the event
	 * @param failure why the beat was missed
	 */
	public MissedBeatEvent(Object source, HeartbeatException failure) {
		super(source);
		this.failure = failure;
	}

	/**
	 * Why the beat was missed.
	 * @return the failure
	 */
	public HeartbeatException getFailure() {
		return this.failure;
	}

}
