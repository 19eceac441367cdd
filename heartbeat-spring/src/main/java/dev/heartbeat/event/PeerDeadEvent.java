package dev.heartbeat.event;

import dev.heartbeat.fleet.FleetMember;

/**
 * Published when a peer of the fleet that was alive is stale: its last beat is older than
 * its maximum age, by the store's clock.
 *
 * @since 0.1.0
 */
public class PeerDeadEvent extends PeerEvent {

	private static final long serialVersionUID = 1L;

	/**
	 * Create an event.
	 * @param source the publisher of the event
	 * @param peer the peer, as last listed
	 */
	public PeerDeadEvent(Object source, FleetMember peer) {
		super(source, peer);
	}

}
