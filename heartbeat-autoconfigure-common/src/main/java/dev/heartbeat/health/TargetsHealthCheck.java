package dev.heartbeat.health;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.heartbeat.Heartbeat;
import dev.heartbeat.TargetReport;
import dev.heartbeat.TargetStatus;
import dev.heartbeat.health.HealthReport.Status;

/**
 * The check behind {@link HeartbeatTargetsHealthIndicator}: the targets the heartbeat
 * watches, OUT_OF_SERVICE while a critical one is dead.
 */
final class TargetsHealthCheck {

	private final Heartbeat heartbeat;

	TargetsHealthCheck(Heartbeat heartbeat) {
		this.heartbeat = heartbeat;
	}

	HealthReport check() {
		Map<String, Object> targets = new LinkedHashMap<>();
		List<String> dead = new ArrayList<>();
		for (TargetReport report : this.heartbeat.targetReports()) {
			targets.put(report.name(), details(report));
			if (report.status() == TargetStatus.DEAD && report.critical()) {
				dead.add(describe(report));
			}
		}
		Map<String, Object> details = new LinkedHashMap<>();
		details.put("targets", targets);
		if (dead.isEmpty()) {
			return new HealthReport(Status.UP, details);
		}
		details.put("reason", "dead target" + ((dead.size() > 1) ? "s: " : ": ") + String.join(", ", dead));
		return new HealthReport(Status.OUT_OF_SERVICE, details);
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
