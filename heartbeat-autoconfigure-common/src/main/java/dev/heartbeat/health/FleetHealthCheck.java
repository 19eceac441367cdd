package dev.heartbeat.health;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import dev.heartbeat.fleet.FleetMember;
import dev.heartbeat.fleet.FleetPublisher;
import dev.heartbeat.fleet.FleetPublisher.PublishStatus;
import dev.heartbeat.fleet.HeartbeatFleet;
import dev.heartbeat.fleet.MemberState;
import dev.heartbeat.health.HealthReport.Status;

/**
 * The check behind {@link HeartbeatFleetHealthIndicator}: whether this instance takes
 * part in its fleet.
 */
final class FleetHealthCheck {

	private final HeartbeatFleet fleet;

	private final FleetPublisher publisher;

	FleetHealthCheck(HeartbeatFleet fleet, FleetPublisher publisher) {
		this.fleet = fleet;
		this.publisher = publisher;
	}

	HealthReport check() {
		Map<String, Object> details = new LinkedHashMap<>();
		details.put("store", String.valueOf(this.fleet.store()));
		details.put("group", this.fleet.group());
		details.put("instanceId", this.fleet.self().instanceId());
		PublishStatus status = this.publisher.status();
		details.put("published", status.published());
		details.put("failures", status.failures());
		if (status.lastPublished() != null) {
			details.put("lastPublished", status.lastPublished().toString());
		}
		List<FleetMember> members;
		try {
			members = this.fleet.members();
		}
		catch (RuntimeException ex) {
			details.put("reason", "the fleet cannot be listed: " + ex);
			return new HealthReport(Status.DOWN, details);
		}
		Map<String, Long> counts = new TreeMap<>();
		for (MemberState state : MemberState.values()) {
			counts.put(state.name().toLowerCase(Locale.ROOT),
					members.stream().filter((member) -> member.state() == state).count());
		}
		details.put("members", counts);
		if (status.isFailing()) {
			details.put("reason", "beats cannot be written to the fleet store: " + status.lastFailure());
			details.put("failingSince", String.valueOf(status.failingSince()));
			return new HealthReport(Status.DOWN, details);
		}
		if (status.published() == 0) {
			details.put("reason", "no beat published yet");
			return new HealthReport(Status.UNKNOWN, details);
		}
		return new HealthReport(Status.UP, details);
	}

}
