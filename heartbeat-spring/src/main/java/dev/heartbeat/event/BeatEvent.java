package dev.heartbeat.event;

import dev.heartbeat.HeartbeatState;

/**
 * Published after each beat that was written.
 *
 * @since 0.1.0
 */
public class BeatEvent extends HeartbeatEvent {

	private static final long serialVersionUID = 1L;

	private final transient HeartbeatState state;

	/**
	 * Create an event.
	 * @param source the publisher of the event
	 * @param state the state that was written
	 */
	public BeatEvent(Object source, HeartbeatState state) {
		super(source);
		this.state = state;
	}

	/**
	 * The state that was written.
	 * @return the state
	 */
	public HeartbeatState getState() {
		return this.state;
	}

}
