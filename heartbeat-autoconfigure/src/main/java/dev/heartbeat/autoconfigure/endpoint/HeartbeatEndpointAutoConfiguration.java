package dev.heartbeat.autoconfigure.endpoint;

import dev.heartbeat.Heartbeat;
import dev.heartbeat.autoconfigure.HeartbeatAutoConfiguration;
import dev.heartbeat.endpoint.HeartbeatEndpoint;

import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration Auto-configuration} of
 * the {@link HeartbeatEndpoint heartbeat endpoint}, when Actuator is present and the endpoint is
 * exposed ({@code management.endpoints.web.exposure.include=heartbeat}).
 */
@AutoConfiguration(after = HeartbeatAutoConfiguration.class)
@ConditionalOnClass({ Endpoint.class, ConditionalOnAvailableEndpoint.class })
@ConditionalOnBean(Heartbeat.class)
@ConditionalOnAvailableEndpoint(HeartbeatEndpoint.class)
public final class HeartbeatEndpointAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	HeartbeatEndpoint heartbeatEndpoint(Heartbeat heartbeat) {
		return new HeartbeatEndpoint(heartbeat);
	}

}
