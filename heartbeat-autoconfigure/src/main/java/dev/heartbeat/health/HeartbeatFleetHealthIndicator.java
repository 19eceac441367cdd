package dev.heartbeat.health;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import dev.heartbeat.fleet.FleetMember;
import dev.heartbeat.fleet.FleetPublisher;
import dev.heartbeat.fleet.FleetPublisher.PublishStatus;
import dev.heartbeat.fleet.HeartbeatFleet;
import dev.heartbeat.fleet.MemberState;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * Reports whether this instance takes part in its fleet: DOWN, with a one-line
 * {@code reason}, when its beats cannot be written to the fleet store or the fleet cannot
 * be listed; UNKNOWN until its first beat is published; UP otherwise. Peers that are
 * stale or stopped are counted in the details but never make it DOWN: they are the other
 * instances' problem.
 *
 * @since 0.1.0
 */
public class HeartbeatFleetHealthIndicator extends AbstractHealthIndicator {

	private final HeartbeatFleet fleet;

	private final FleetPublisher publisher;

	/**
	 * Create an indicator.
	 * @param fleet the fleet to list
	 * @param publisher the publisher of this instance's beats
	 */
	public HeartbeatFleetHealthIndicator(HeartbeatFleet fleet, FleetPublisher publisher) {
		super("Heartbeat fleet health check failed");
		this.fleet = fleet;
		this.publisher = publisher;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		builder.withDetail("store", String.valueOf(this.fleet.store()))
			.withDetail("group", this.fleet.group())
			.withDetail("instanceId", this.fleet.self().instanceId());
		PublishStatus status = this.publisher.status();
		builder.withDetail("published", status.published()).withDetail("failures", status.failures());
		if (status.lastPublished() != null) {
			builder.withDetail("lastPublished", status.lastPublished().toString());
		}
		List<FleetMember> members;
		try {
			members = this.fleet.members();
		}
		catch (RuntimeException ex) {
			builder.down().withDetail("reason", "the fleet cannot be listed: " + ex);
			return;
		}
		Map<String, Long> counts = new TreeMap<>();
		for (MemberState state : MemberState.values()) {
			counts.put(state.name().toLowerCase(Locale.ROOT),
					members.stream().filter((member) -> member.state() == state).count());
		}
		builder.withDetail("members", counts);
		if (status.isFailing()) {
			builder.down()
				.withDetail("reason", "beats cannot be written to the fleet store: " + status.lastFailure())
				.withDetail("failingSince", String.valueOf(status.failingSince()));
		}
		else if (status.published() == 0) {
			builder.unknown().withDetail("reason", "no beat published yet");
		}
		else {
			builder.up();
		}
	}

}
