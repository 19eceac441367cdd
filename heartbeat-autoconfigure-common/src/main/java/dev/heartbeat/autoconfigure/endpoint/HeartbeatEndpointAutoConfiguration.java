package dev.heartbeat.autoconfigure.endpoint;

import dev.heartbeat.Heartbeat;
import dev.heartbeat.autoconfigure.HeartbeatAutoConfiguration;
import dev.heartbeat.endpoint.FleetSection;
import dev.heartbeat.endpoint.HeartbeatEndpoint;
import dev.heartbeat.fleet.FleetPublisher;
import dev.heartbeat.fleet.HeartbeatFleet;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration
 * Auto-configuration} of the {@link HeartbeatEndpoint heartbeat endpoint}, when Actuator
 * is present and the endpoint is exposed
 * ({@code management.endpoints.web.exposure.include=heartbeat}), with a {@code fleet}
 * section when fleet heartbeats are on.
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = HeartbeatAutoConfiguration.class)
@ConditionalOnClass({ Endpoint.class, ConditionalOnAvailableEndpoint.class })
@ConditionalOnBean(Heartbeat.class)
@ConditionalOnAvailableEndpoint(HeartbeatEndpoint.class)
public final class HeartbeatEndpointAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	HeartbeatEndpoint heartbeatEndpoint(Heartbeat heartbeat, ObjectProvider<HeartbeatFleet> fleet,
			ObjectProvider<FleetPublisher> publisher) {
		HeartbeatFleet fleetOrNull = fleet.getIfUnique();
		FleetPublisher publisherOrNull = publisher.getIfUnique();
		return new HeartbeatEndpoint(heartbeat, (fleetOrNull != null && publisherOrNull != null)
				? new FleetSection(fleetOrNull, publisherOrNull) : null);
	}

}
