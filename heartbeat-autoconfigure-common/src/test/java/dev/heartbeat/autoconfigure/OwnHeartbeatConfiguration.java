package dev.heartbeat.autoconfigure;

import dev.heartbeat.Heartbeat;
import dev.heartbeat.HeartbeatBuilder;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * A {@link Heartbeat} bean of the application's own, named {@code ownHeartbeat}, built as
 * the documentation says to: from the auto-configured builder.
 */
@Configuration(proxyBeanMethods = false)
public class OwnHeartbeatConfiguration {

	@Bean
	Heartbeat ownHeartbeat(HeartbeatBuilder heartbeatBuilder) {
		return heartbeatBuilder.build();
	}

}
