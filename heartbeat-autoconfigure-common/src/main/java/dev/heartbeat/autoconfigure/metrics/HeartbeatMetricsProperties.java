package dev.heartbeat.autoconfigure.metrics;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Configuration properties of the heartbeat's meters.
 *
 * @since 0.1.0
 */
@ConfigurationProperties("heartbeat.metrics")
public class HeartbeatMetricsProperties {

	/**
	 * Whether to register the heartbeat's meters when a MeterRegistry is present.
	 */
	private boolean enabled = true;

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

}
