package dev.heartbeat.autoconfigure.push;

import java.net.URI;

import dev.heartbeat.Heartbeat;
import dev.heartbeat.autoconfigure.HeartbeatAutoConfiguration;
import dev.heartbeat.push.PushMonitor;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration
 * Auto-configuration} of a {@link PushMonitor} that pings {@code heartbeat.push.url} on
 * the beats of the {@link Heartbeat} bean, which picks it up as a listener when it is
 * built from the auto-configured builder. The monitor's thread stops when the context
 * closes, after the heartbeat.
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = HeartbeatAutoConfiguration.class)
@ConditionalOnBean(Heartbeat.class)
@Conditional(OnPushUrlCondition.class)
@EnableConfigurationProperties(HeartbeatPushProperties.class)
public final class HeartbeatPushAutoConfiguration {

	// destroyed after every lifecycle bean stopped, so after the heartbeat's last beat
	@Bean(destroyMethod = "close")
	@ConditionalOnMissingBean
	PushMonitor heartbeatPushMonitor(HeartbeatPushProperties properties) {
		URI url = properties.getUrl();
		if (url == null) {
			throw new IllegalStateException("heartbeat.push.url is not set");
		}
		return PushMonitor.builder(url)
			.every(properties.getEvery())
			.signals(properties.isSignals())
			.timeout(properties.getTimeout())
			.method(properties.getMethod())
			.includeState(properties.isIncludeState())
			.failAfterCrash(properties.isFailAfterCrash())
			.build();
	}

}
