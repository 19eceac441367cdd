package dev.heartbeat.autoconfigure.systemd;

import java.time.Duration;

import dev.heartbeat.Heartbeat;
import dev.heartbeat.HeartbeatBuilder;
import dev.heartbeat.autoconfigure.HeartbeatBuilderCustomizer;
import dev.heartbeat.systemd.SystemdEnvironment;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.core.Ordered;

/**
 * Shortens the heartbeat's interval to half of systemd's watchdog timeout
 * ({@code WATCHDOG_USEC}), if it is longer, so that one late beat does not get the
 * service restarted.
 */
final class WatchdogIntervalCustomizer implements HeartbeatBuilderCustomizer, Ordered {

	private static final Log logger = LogFactory.getLog(WatchdogIntervalCustomizer.class);

	private final SystemdEnvironment systemd;

	WatchdogIntervalCustomizer(SystemdEnvironment systemd) {
		this.systemd = systemd;
	}

	@Override
	public void customize(HeartbeatBuilder builder) {
		this.systemd.watchdogTimeout().ifPresent((timeout) -> shortenTo(timeout.dividedBy(2), timeout, builder));
	}

	private void shortenTo(Duration longest, Duration watchdogTimeout, HeartbeatBuilder builder) {
		if (builder.interval().compareTo(longest) <= 0) {
			return;
		}
		String shortened = "Heartbeat interval " + builder.interval()
				+ " is more than half of systemd's watchdog timeout (" + watchdogTimeout
				+ " from WATCHDOG_USEC); using " + longest;
		if (longest.compareTo(Heartbeat.MIN_INTERVAL) < 0) {
			shortened += ", which is below the shortest interval of " + Heartbeat.MIN_INTERVAL
					+ ": set WatchdogSec= to at least " + Heartbeat.MIN_INTERVAL.multipliedBy(2);
		}
		logger.warn(shortened);
		builder.interval(longest);
	}

	@Override
	public int getOrder() {
		// last, so that it sees the interval every other customizer asked for
		return Ordered.LOWEST_PRECEDENCE;
	}

}
