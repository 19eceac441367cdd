package dev.heartbeat.event;

import dev.heartbeat.fleet.FleetMember;

/**
 * Published when a peer of the fleet that was alive stopped cleanly.
 *
 * @since 0.1.0
 */
public class PeerStoppedEvent extends PeerEvent {

	private static final long serialVersionUID = 1L;

	/**
	 * Create an event.
	 * @param source the publisher of the event
	 * @param peer the peer, as last listed
	 */
	public PeerStoppedEvent(Object source, FleetMember peer) {
		super(source, peer);
	}

}
