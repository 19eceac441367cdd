package dev.heartbeat.event;

import dev.heartbeat.fleet.FleetException;
import dev.heartbeat.fleet.FleetListener;
import dev.heartbeat.fleet.FleetMember;

import org.springframework.context.ApplicationEventPublisher;

/**
 * A {@link FleetListener} that publishes each callback as a {@link HeartbeatEvent}, so
 * that {@code @EventListener} methods see peers join, die and stop. Events are published
 * on the fleet's threads, with this publisher as their source.
 *
 * @since 0.1.0
 */
public class FleetEventPublisher implements FleetListener {

	private final ApplicationEventPublisher publisher;

	/**
	 * Create a listener that publishes to the given publisher.
	 * @param publisher where to publish, usually the application context
	 */
	public FleetEventPublisher(ApplicationEventPublisher publisher) {
		this.publisher = publisher;
	}

	@Override
	public void onPeerJoined(FleetMember peer) {
		this.publisher.publishEvent(new PeerJoinedEvent(this, peer));
	}

	@Override
	public void onPeerDead(FleetMember peer) {
		this.publisher.publishEvent(new PeerDeadEvent(this, peer));
	}

	@Override
	public void onPeerStopped(FleetMember peer) {
		this.publisher.publishEvent(new PeerStoppedEvent(this, peer));
	}

	@Override
	public void onMissedFleetBeat(FleetException failure) {
		this.publisher.publishEvent(new MissedFleetBeatEvent(this, failure));
	}

}
