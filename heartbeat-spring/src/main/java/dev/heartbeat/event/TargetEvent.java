package dev.heartbeat.event;

import dev.heartbeat.HeartbeatTarget;

/**
 * Base class of the events about one {@link HeartbeatTarget}.
 *
 * @since 0.1.0
 */
public abstract class TargetEvent extends HeartbeatEvent {

	private static final long serialVersionUID = 1L;

	private final String targetName;

	private final transient HeartbeatTarget target;

	/**
	 * Create an event.
	 * @param source the publisher of the event
	 * @param targetName the name the target is reported under (its bean name)
	 * @param target the target
	 */
	protected TargetEvent(Object source, String targetName, HeartbeatTarget target) {
		super(source);
		this.targetName = targetName;
		this.target = target;
	}

	/**
	 * The name the target is reported under: its bean name in a Spring context.
	 * @return the target's name
	 */
	public String getTargetName() {
		return this.targetName;
	}

	/**
	 * The target.
	 * @return the target
	 */
	public HeartbeatTarget getTarget() {
		return this.target;
	}

}
