package dev.heartbeat.health;

import dev.heartbeat.fleet.FleetPublisher;
import dev.heartbeat.fleet.HeartbeatFleet;

import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;

/**
 * Reports whether this instance takes part in its fleet: DOWN, with a one-line
 * {@code reason}, when its beats cannot be written to the fleet store or the fleet cannot
 * be listed; UNKNOWN until its first beat is published; UP otherwise. Peers that are
 * stale or stopped are counted in the details but never make it DOWN: they are the other
 * instances' problem.
 *
 * @since 0.1.0
 */
// per Boot line: Boot 3.5 has the health types in spring-boot-actuator
public class HeartbeatFleetHealthIndicator extends AbstractHealthIndicator {

	private final FleetHealthCheck check;

	/**
	 * Create an indicator.
	 * @param fleet the fleet to list
	 * @param publisher the publisher of this instance's beats
	 */
	public HeartbeatFleetHealthIndicator(HeartbeatFleet fleet, FleetPublisher publisher) {
		super("Heartbeat fleet health check failed");
		this.check = new FleetHealthCheck(fleet, publisher);
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		HealthReport report = this.check.check();
		builder.status(report.status().name()).withDetails(report.details());
	}

}
