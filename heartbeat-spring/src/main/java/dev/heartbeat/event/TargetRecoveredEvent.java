package dev.heartbeat.event;

import dev.heartbeat.HeartbeatTarget;

/**
 * Published on the first beat that finds a dead target alive again.
 *
 * @since 0.1.0
 */
public class TargetRecoveredEvent extends TargetEvent {

	private static final long serialVersionUID = 1L;

	/**
	 * Create an event.
	 * @param source the publisher of the event
	 * @param targetName the name the target is reported under
	 * @param target the target that is alive again
	 */
	public TargetRecoveredEvent(Object source, String targetName, HeartbeatTarget target) {
		super(source, targetName, target);
	}

}
