package dev.heartbeat.autoconfigure.health;

import dev.heartbeat.Heartbeat;
import dev.heartbeat.autoconfigure.HeartbeatAutoConfiguration;
import dev.heartbeat.autoconfigure.HeartbeatProperties;
import dev.heartbeat.health.HeartbeatHealthIndicator;
import dev.heartbeat.health.HeartbeatTargetsHealthIndicator;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.health.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ImportRuntimeHints;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration
 * Auto-configuration} of the heartbeat's health indicators: {@code heartbeat}, this
 * process's own beat, for the liveness group (switched by
 * {@code management.health.heartbeat.enabled}), and {@code heartbeatTargets}, the targets
 * it watches, for readiness or dashboards (switched by
 * {@code management.health.heartbeat-targets.enabled}).
 *
 * @since 0.1.0
 */
// per Boot line: Boot 3.5 has HealthIndicator and ConditionalOnEnabledHealthIndicator in
// spring-boot-actuator and spring-boot-actuator-autoconfigure
@AutoConfiguration(after = HeartbeatAutoConfiguration.class)
@ConditionalOnClass(HealthIndicator.class)
@ConditionalOnBean(Heartbeat.class)
@ImportRuntimeHints(HeartbeatHealthRuntimeHints.class)
public final class HeartbeatHealthContributorAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean(name = "heartbeatHealthIndicator")
	@ConditionalOnEnabledHealthIndicator("heartbeat")
	HeartbeatHealthIndicator heartbeatHealthIndicator(Heartbeat heartbeat,
			ObjectProvider<HeartbeatProperties> properties) {
		// escalation fails the heartbeat component exactly when it breaks LivenessState
		HeartbeatProperties bound = properties.getIfAvailable();
		return new HeartbeatHealthIndicator(heartbeat, bound == null || bound.getLiveness().isEscalate());
	}

	@Bean
	@ConditionalOnMissingBean(name = "heartbeatTargetsHealthIndicator")
	@ConditionalOnEnabledHealthIndicator("heartbeat-targets")
	HeartbeatTargetsHealthIndicator heartbeatTargetsHealthIndicator(Heartbeat heartbeat) {
		return new HeartbeatTargetsHealthIndicator(heartbeat);
	}

}
