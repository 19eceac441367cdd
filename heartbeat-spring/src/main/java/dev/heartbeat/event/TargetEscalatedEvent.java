package dev.heartbeat.event;

import dev.heartbeat.HeartbeatTarget;

/**
 * Published when a critical target has used up its recovery attempts and is still dead:
 * the heartbeat escalates, and by default breaks the application's liveness.
 *
 * @since 0.1.0
 */
public class TargetEscalatedEvent extends TargetEvent {

	private static final long serialVersionUID = 1L;

	/**
	 * Create an event.
	 * @param source the publisher of the event
	 * @param targetName the name the target is reported under
	 * @param target the escalated target
	 */
	public TargetEscalatedEvent(Object source, String targetName, HeartbeatTarget target) {
		super(source, targetName, target);
	}

}
