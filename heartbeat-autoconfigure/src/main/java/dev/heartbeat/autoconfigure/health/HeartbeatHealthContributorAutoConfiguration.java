package dev.heartbeat.autoconfigure.health;

import dev.heartbeat.Heartbeat;
import dev.heartbeat.autoconfigure.HeartbeatAutoConfiguration;
import dev.heartbeat.health.HeartbeatHealthIndicator;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration
 * Auto-configuration} of the {@code heartbeat} health indicator, switched by
 * {@code management.health.heartbeat.enabled}.
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = HeartbeatAutoConfiguration.class)
@ConditionalOnClass(HealthIndicator.class)
@ConditionalOnBean(Heartbeat.class)
@ConditionalOnEnabledHealthIndicator("heartbeat")
public final class HeartbeatHealthContributorAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean(name = "heartbeatHealthIndicator")
	HeartbeatHealthIndicator heartbeatHealthIndicator(Heartbeat heartbeat) {
		return new HeartbeatHealthIndicator(heartbeat);
	}

}
