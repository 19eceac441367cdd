package dev.heartbeat.fleet;

import java.util.List;

/**
 * Told what one instance sees happen to its peers, and when its own beats cannot reach
 * the store.
 * <p>
 * Peer callbacks come from the {@link FleetWatcher}'s thread, at most one per peer per
 * check; a missed write comes from the {@link FleetPublisher}'s thread. Keep them quick.
 *
 * @since 0.1.0
 */
public interface FleetListener {

	/**
	 * A listener that tells each of the given listeners in turn; one that throws is
	 * logged, and the others still hear.
	 * @param listeners the listeners
	 * @return one listener for them all
	 */
	static FleetListener of(List<? extends FleetListener> listeners) {
		return new CompositeFleetListener(listeners);
	}

	/**
	 * Called when a peer is seen alive that was not before: on the first check for every
	 * live peer, then for each peer that starts or comes back.
	 * @param peer the peer, {@link MemberState#ALIVE}
	 */
	default void onPeerJoined(FleetMember peer) {
	}

	/**
	 * Called when a peer that was alive is stale: its last beat is older than its maximum
	 * age, by the store's clock, or it is gone from the store for longer than that.
	 * @param peer the peer as last listed, {@link MemberState#STALE}
	 */
	default void onPeerDead(FleetMember peer) {
	}

	/**
	 * Called when a peer that was alive stopped cleanly.
	 * @param peer the peer, {@link MemberState#STOPPED}
	 */
	default void onPeerStopped(FleetMember peer) {
	}

	/**
	 * Called when a beat of this instance could not be written to the store, or not
	 * within the timeout. The next beat tries again.
	 * @param failure why the write failed
	 */
	default void onMissedFleetBeat(FleetException failure) {
	}

}
