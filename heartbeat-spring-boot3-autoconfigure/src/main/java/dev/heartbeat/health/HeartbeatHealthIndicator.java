package dev.heartbeat.health;

import dev.heartbeat.Heartbeat;

import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;

/**
 * Reports whether this process makes progress, from its heartbeat's state file, as any
 * outside reader would see it: DOWN, with a one-line {@code reason}, when the file is
 * missing, unreadable, written by another process, older than the maximum age or marked
 * stopped, when the last beat could not be written, or when a critical target has
 * escalated (it is still dead after its recovery attempts). With no state file, the last
 * beat kept in memory is judged instead.
 * <p>
 * This is the component for the liveness group. A dead target never takes it down by
 * itself: the target is reported in the {@code targets} detail, recovered, and judged by
 * {@link HeartbeatTargetsHealthIndicator}; only its escalation fails liveness.
 *
 * @since 0.1.0
 */
// per Boot line: Boot 3.5 has the health types in spring-boot-actuator
public class HeartbeatHealthIndicator extends AbstractHealthIndicator {

	private final HeartbeatHealthCheck check;

	/**
	 * Create an indicator for a heartbeat, judging ages by the heartbeat's clock, that is
	 * DOWN while a target is escalated.
	 * @param heartbeat the heartbeat whose state file to read
	 */
	public HeartbeatHealthIndicator(Heartbeat heartbeat) {
		this(heartbeat, true);
	}

	/**
	 * Create an indicator for a heartbeat, judging ages by the heartbeat's clock.
	 * @param heartbeat the heartbeat whose state file to read
	 * @param downOnEscalation whether an escalated target takes the indicator DOWN (as
	 * {@code heartbeat.liveness.escalate} says); escalated targets are listed in the
	 * details either way
	 */
	public HeartbeatHealthIndicator(Heartbeat heartbeat, boolean downOnEscalation) {
		super("Heartbeat health check failed");
		this.check = new HeartbeatHealthCheck(heartbeat, downOnEscalation);
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		HealthReport report = this.check.check();
		builder.status(report.status().name()).withDetails(report.details());
	}

}
