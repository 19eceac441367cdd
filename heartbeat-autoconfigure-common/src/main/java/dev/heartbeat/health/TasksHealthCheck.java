package dev.heartbeat.health;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.heartbeat.Heartbeat;
import dev.heartbeat.health.HealthReport.Status;
import dev.heartbeat.tasks.TaskReport;
import dev.heartbeat.tasks.TaskStatus;
import org.jspecify.annotations.Nullable;

/**
 * The check behind {@link HeartbeatTasksHealthIndicator}: the scheduled tasks the
 * heartbeat watches, OUT_OF_SERVICE while a critical one is overdue or stuck.
 */
final class TasksHealthCheck {

	private final Heartbeat heartbeat;

	TasksHealthCheck(Heartbeat heartbeat) {
		this.heartbeat = heartbeat;
	}

	HealthReport check() {
		Map<String, Object> tasks = new LinkedHashMap<>();
		List<String> notOk = new ArrayList<>();
		boolean criticalDown = false;
		for (TaskReport report : this.heartbeat.taskReports()) {
			tasks.put(report.name(), details(report));
			if (report.status() != TaskStatus.OK) {
				notOk.add(report.name() + " " + report.status());
				criticalDown |= report.critical()
						&& (report.status() == TaskStatus.OVERDUE || report.status() == TaskStatus.STUCK);
			}
		}
		Map<String, Object> details = new LinkedHashMap<>();
		details.put("tasks", tasks);
		if (!notOk.isEmpty()) {
			details.put("reason", String.join(", ", notOk));
		}
		return new HealthReport(criticalDown ? Status.OUT_OF_SERVICE : Status.UP, details);
	}

	private static Map<String, Object> details(TaskReport report) {
		Map<String, Object> details = new LinkedHashMap<>();
		details.put("status", report.status().name());
		details.put("schedule", report.schedule().description());
		details.put("critical", report.critical());
		putIfKnown(details, "lastStart", report.lastStart());
		details.put("lastRun", report.lastRun().name());
		putIfKnown(details, "nextRun", report.nextRun());
		if (report.reason() != null) {
			details.put("reason", report.reason());
		}
		return details;
	}

	private static void putIfKnown(Map<String, Object> details, String key, @Nullable Instant instant) {
		if (instant != null) {
			details.put(key, instant.toString());
		}
	}

}
