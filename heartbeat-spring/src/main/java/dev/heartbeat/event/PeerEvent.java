package dev.heartbeat.event;

import dev.heartbeat.fleet.FleetMember;

/**
 * Base class of the events about another instance of the fleet.
 *
 * @since 0.1.0
 */
public abstract class PeerEvent extends HeartbeatEvent {

	private static final long serialVersionUID = 1L;

	private final transient FleetMember peer;

	/**
	 * Create an event.
	 * @param source the publisher of the event
	 * @param peer the peer, as last listed
	 */
	protected PeerEvent(Object source, FleetMember peer) {
		super(source);
		this.peer = peer;
	}

	/**
	 * The peer, as last listed.
	 * @return the peer
	 */
	public FleetMember getPeer() {
		return this.peer;
	}

	/**
	 * The peer's instance id.
	 * @return the instance id
	 */
	public String getInstanceId() {
		return this.peer.instanceId();
	}

}
