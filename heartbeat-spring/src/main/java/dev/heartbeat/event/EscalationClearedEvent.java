package dev.heartbeat.event;

/**
 * Published when every escalated target is alive again.
 *
 * @since 0.1.0
 */
public class EscalationClearedEvent extends HeartbeatEvent {

	private static final long serialVersionUID = 1L;

	/**
	 * Create an event.
	 * @param source the publisher of the event
	 */
	public EscalationClearedEvent(Object source) {
		super(source);
	}

}
