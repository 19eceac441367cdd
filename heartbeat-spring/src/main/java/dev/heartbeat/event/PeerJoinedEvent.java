package dev.heartbeat.event;

import dev.heartbeat.fleet.FleetMember;

/**
 * Published when a peer of the fleet is seen alive that was not before: on the first
 * check for every live peer, then for each peer that starts or comes back.
 *
 * @since 0.1.0
 */
public class PeerJoinedEvent extends PeerEvent {

	private static final long serialVersionUID = 1L;

	/**
	 * Create an event.
	 * @param source the publisher of the event
	 * @param peer the peer, as last listed
	 */
	public PeerJoinedEvent(Object source, FleetMember peer) {
		super(source, peer);
	}

}
