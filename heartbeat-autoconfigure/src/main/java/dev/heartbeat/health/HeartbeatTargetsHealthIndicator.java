package dev.heartbeat.health;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.heartbeat.Heartbeat;
import dev.heartbeat.TargetReport;
import dev.heartbeat.TargetStatus;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

/**
 * Reports the targets the heartbeat watches, the dependencies it recovers:
 * {@link Status#OUT_OF_SERVICE OUT_OF_SERVICE}, with a one-line {@code reason}, while a
 * critical target is dead (being recovered, or escalated), UP otherwise. A dead target
 * that is not critical is only reported in the details.
 * <p>
 * It says whether this instance can do its work now, not whether the process is broken:
 * OUT_OF_SERVICE, as Boot's readiness state reports refusing traffic, rather than DOWN,
 * which Boot keeps for a component that has failed. It belongs in a readiness group or on
 * a dashboard, never in the liveness group: restarting the process does not bring a
 * dependency back.
 *
 * @since 0.1.0
 */
public class HeartbeatTargetsHealthIndicator extends AbstractHealthIndicator {

	private final Heartbeat heartbeat;

	/**
	 * Create an indicator for the targets of a heartbeat.
	 * @param heartbeat the heartbeat whose targets to report
	 */
	public HeartbeatTargetsHealthIndicator(Heartbeat heartbeat) {
		super("Heartbeat targets health check failed");
		this.heartbeat = heartbeat;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		Map<String, Object> targets = new LinkedHashMap<>();
		List<String> dead = new ArrayList<>();
		for (TargetReport report : this.heartbeat.targetReports()) {
			targets.put(report.name(), details(report));
			if (report.status() == TargetStatus.DEAD && report.critical()) {
				dead.add(describe(report));
			}
		}
		builder.withDetail("targets", targets);
		if (dead.isEmpty()) {
			builder.up();
		}
		else {
			builder.outOfService()
				.withDetail("reason", "dead target" + ((dead.size() > 1) ? "s: " : ": ") + String.join(", ", dead));
		}
	}

	private static Map<String, Object> details(TargetReport report) {
		Map<String, Object> details = new LinkedHashMap<>();
		details.put("status", report.status().name());
		details.put("critical", report.critical());
		details.put("consecutiveFailures", report.consecutiveFailures());
		details.put("recoveryAttempts", report.recoveryAttempts());
		details.put("escalated", report.escalated());
		Instant lastChange = report.lastChange();
		if (lastChange != null) {
			details.put("lastChange", lastChange.toString());
		}
		String reason = report.reason();
		if (reason != null) {
			details.put("reason", reason);
		}
		return details;
	}

	private static String describe(TargetReport report) {
		List<String> notes = new ArrayList<>();
		String reason = report.reason();
		if (reason != null) {
			notes.add(reason);
		}
		if (report.escalated()) {
			notes.add("escalated");
		}
		return notes.isEmpty() ? report.name() : report.name() + " (" + String.join(", ", notes) + ")";
	}

}
