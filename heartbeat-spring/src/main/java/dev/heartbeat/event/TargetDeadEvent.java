package dev.heartbeat.event;

import dev.heartbeat.HeartbeatTarget;

/**
 * Published after each beat that found a target dead, before the target's
 * {@link HeartbeatTarget#recover()} is called.
 *
 * @since 0.1.0
 */
public class TargetDeadEvent extends TargetEvent {

	private static final long serialVersionUID = 1L;

	/**
	 * Create an event.
	 * @param source the publisher of the event
	 * @param targetName the name the target is reported under
	 * @param target the dead target
	 */
	public TargetDeadEvent(Object source, String targetName, HeartbeatTarget target) {
		super(source, targetName, target);
	}

}
