package dev.heartbeat.health;

import dev.heartbeat.Heartbeat;

import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;

/**
 * Reports the targets the heartbeat watches, the dependencies it recovers:
 * {@code OUT_OF_SERVICE}, with a one-line {@code reason}, while a critical target is dead
 * (being recovered, or escalated), UP otherwise. A dead target that is not critical is
 * only reported in the details.
 * <p>
 * It says whether this instance can do its work now, not whether the process is broken:
 * OUT_OF_SERVICE, as Boot's readiness state reports refusing traffic, rather than DOWN,
 * which Boot keeps for a component that has failed. It belongs in a readiness group or on
 * a dashboard, never in the liveness group: restarting the process does not bring a
 * dependency back.
 *
 * @since 0.1.0
 */
// per Boot line: Boot 3.5 has the health types in spring-boot-actuator
public class HeartbeatTargetsHealthIndicator extends AbstractHealthIndicator {

	private final TargetsHealthCheck check;

	/**
	 * Create an indicator for the targets of a heartbeat.
	 * @param heartbeat the heartbeat whose targets to report
	 */
	public HeartbeatTargetsHealthIndicator(Heartbeat heartbeat) {
		super("Heartbeat targets health check failed");
		this.check = new TargetsHealthCheck(heartbeat);
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		HealthReport report = this.check.check();
		builder.status(report.status().name()).withDetails(report.details());
	}

}
