package dev.heartbeat.autoconfigure.metrics;

import dev.heartbeat.Heartbeat;
import dev.heartbeat.autoconfigure.HeartbeatAutoConfiguration;
import dev.heartbeat.metrics.HeartbeatMetrics;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration
 * Auto-configuration} of the {@link HeartbeatMetrics heartbeat's meters}, when a
 * {@link MeterRegistry} bean exists. Switched by {@code heartbeat.metrics.enabled}.
 *
 * @since 0.1.0
 */
// both Boot lines' names, one source for both: Boot's sorter ignores a name that is not a
// candidate, and Boot 4 moved these from spring-boot-actuator-autoconfigure to
// spring-boot-micrometer-metrics
@AutoConfiguration(after = HeartbeatAutoConfiguration.class,
		afterName = { "org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration",
				"org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration",
				"org.springframework.boot.actuate.autoconfigure.metrics.MetricsAutoConfiguration",
				"org.springframework.boot.actuate.autoconfigure.metrics.CompositeMeterRegistryAutoConfiguration" })
@ConditionalOnClass(MeterRegistry.class)
@ConditionalOnBean({ Heartbeat.class, MeterRegistry.class })
@ConditionalOnBooleanProperty(name = "heartbeat.metrics.enabled", matchIfMissing = true)
@EnableConfigurationProperties(HeartbeatMetricsProperties.class)
public final class HeartbeatMetricsAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	HeartbeatMetrics heartbeatMetrics(ObjectProvider<Heartbeat> heartbeat) {
		// a provider: the heartbeat is built with this listener, and read only when
		// meters are bound
		return new HeartbeatMetrics(heartbeat::getObject);
	}

}
