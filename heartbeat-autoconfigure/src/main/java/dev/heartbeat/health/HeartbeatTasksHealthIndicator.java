package dev.heartbeat.health;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.heartbeat.Heartbeat;
import dev.heartbeat.tasks.TaskReport;
import dev.heartbeat.tasks.TaskStatus;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

/**
 * Reports the scheduled tasks the heartbeat watches: each one's state, schedule, last run
 * and next one in the details, with a one-line {@code reason} naming every task that is
 * not {@code OK}. {@link Status#OUT_OF_SERVICE OUT_OF_SERVICE} while a critical task is
 * {@code OVERDUE} or {@code STUCK}, UP otherwise: a task that is only reported never
 * fails a health check.
 * <p>
 * In no probe group unless the application adds it: a critical task that hangs for good
 * reaches the liveness probe through the heartbeat's escalation, not through this
 * indicator.
 *
 * @since 0.1.0
 */
public class HeartbeatTasksHealthIndicator extends AbstractHealthIndicator {

	private final Heartbeat heartbeat;

	/**
	 * Create an indicator for the scheduled tasks of a heartbeat.
	 * @param heartbeat the heartbeat whose tasks to report
	 */
	public HeartbeatTasksHealthIndicator(Heartbeat heartbeat) {
		super("Heartbeat tasks health check failed");
		this.heartbeat = heartbeat;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
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
		builder.withDetail("tasks", tasks);
		if (!notOk.isEmpty()) {
			builder.withDetail("reason", String.join(", ", notOk));
		}
		if (criticalDown) {
			builder.outOfService();
		}
		else {
			builder.up();
		}
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
