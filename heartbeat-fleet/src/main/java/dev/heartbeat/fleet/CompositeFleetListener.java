package dev.heartbeat.fleet;

import java.util.List;
import java.util.function.Consumer;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Tells each of several listeners in turn; one that throws is logged and the others still
 * hear.
 */
final class CompositeFleetListener implements FleetListener {

	private static final Log logger = LogFactory.getLog(FleetWatcher.class);

	private final List<FleetListener> listeners;

	CompositeFleetListener(List<? extends FleetListener> listeners) {
		this.listeners = List.copyOf(listeners);
	}

	@Override
	public void onPeerJoined(FleetMember peer) {
		each("onPeerJoined", (listener) -> listener.onPeerJoined(peer));
	}

	@Override
	public void onPeerDead(FleetMember peer) {
		each("onPeerDead", (listener) -> listener.onPeerDead(peer));
	}

	@Override
	public void onPeerStopped(FleetMember peer) {
		each("onPeerStopped", (listener) -> listener.onPeerStopped(peer));
	}

	@Override
	public void onMissedFleetBeat(FleetException failure) {
		each("onMissedFleetBeat", (listener) -> listener.onMissedFleetBeat(failure));
	}

	private void each(String callback, Consumer<FleetListener> call) {
		for (FleetListener listener : this.listeners) {
			try {
				call.accept(listener);
			}
			catch (RuntimeException ex) {
				logger.warn("Fleet listener " + listener + " threw from " + callback + "; the fleet goes on", ex);
			}
		}
	}

}
