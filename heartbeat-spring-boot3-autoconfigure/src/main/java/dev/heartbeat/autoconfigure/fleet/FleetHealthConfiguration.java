package dev.heartbeat.autoconfigure.fleet;

import dev.heartbeat.fleet.FleetPublisher;
import dev.heartbeat.fleet.HeartbeatFleet;
import dev.heartbeat.health.HeartbeatFleetHealthIndicator;

import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The fleet's health component, {@code heartbeatFleet}, when
 * {@code management.health.heartbeat-fleet.enabled} is set.
 */
// per Boot line: Boot 3.5 has HealthIndicator in spring-boot-actuator
@Configuration(proxyBeanMethods = false)
@ConditionalOnClass(HealthIndicator.class)
@ConditionalOnBooleanProperty(name = "management.health.heartbeat-fleet.enabled")
class FleetHealthConfiguration {

	@Bean
	@ConditionalOnMissingBean(name = "heartbeatFleetHealthIndicator")
	HeartbeatFleetHealthIndicator heartbeatFleetHealthIndicator(HeartbeatFleet fleet, FleetPublisher publisher) {
		return new HeartbeatFleetHealthIndicator(fleet, publisher);
	}

}
