package dev.heartbeat.health;

import dev.heartbeat.Heartbeat;

import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;

/**
 * Reports the scheduled tasks the heartbeat watches: each one's state, schedule, last run
 * and next one in the details, with a one-line {@code reason} naming every task that is
 * not {@code OK}. {@code OUT_OF_SERVICE} while a critical task is {@code OVERDUE} or
 * {@code STUCK}, UP otherwise: a task that is only reported never fails a health check.
 * <p>
 * In no probe group unless the application adds it: a critical task that hangs for good
 * reaches the liveness probe through the heartbeat's escalation, not through this
 * indicator.
 *
 * @since 0.1.0
 */
// per Boot line: Boot 3.5 has the health types in spring-boot-actuator
public class HeartbeatTasksHealthIndicator extends AbstractHealthIndicator {

	private final TasksHealthCheck check;

	/**
	 * Create an indicator for the scheduled tasks of a heartbeat.
	 * @param heartbeat the heartbeat whose tasks to report
	 */
	public HeartbeatTasksHealthIndicator(Heartbeat heartbeat) {
		super("Heartbeat tasks health check failed");
		this.check = new TasksHealthCheck(heartbeat);
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		HealthReport report = this.check.check();
		builder.status(report.status().name()).withDetails(report.details());
	}

}
