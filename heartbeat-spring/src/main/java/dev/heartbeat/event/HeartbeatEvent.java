package dev.heartbeat.event;

import org.springframework.context.ApplicationEvent;

/**
 * Base class of the events the heartbeat publishes; listen to it to see them all.
 *
 * @since 0.1.0
 */
public abstract class HeartbeatEvent extends ApplicationEvent {

	private static final long serialVersionUID = 1L;

	/**
	 * Create an event.
	 * @param source the publisher of the event
	 */
	protected HeartbeatEvent(Object source) {
		super(source);
	}

}
