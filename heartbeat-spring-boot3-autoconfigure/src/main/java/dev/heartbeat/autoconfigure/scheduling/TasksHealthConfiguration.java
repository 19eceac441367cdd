package dev.heartbeat.autoconfigure.scheduling;

import dev.heartbeat.Heartbeat;
import dev.heartbeat.health.HeartbeatTasksHealthIndicator;

import org.springframework.boot.actuate.autoconfigure.health.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The scheduled tasks' health component, {@code heartbeatTasks}, unless
 * {@code management.health.heartbeat-tasks.enabled} is false.
 */
// per Boot line: Boot 3.5 has HealthIndicator and ConditionalOnEnabledHealthIndicator in
// spring-boot-actuator and spring-boot-actuator-autoconfigure
@Configuration(proxyBeanMethods = false)
@ConditionalOnClass(HealthIndicator.class)
@ConditionalOnBean(Heartbeat.class)
class TasksHealthConfiguration {

	@Bean
	@ConditionalOnMissingBean(name = "heartbeatTasksHealthIndicator")
	@ConditionalOnEnabledHealthIndicator("heartbeat-tasks")
	HeartbeatTasksHealthIndicator heartbeatTasksHealthIndicator(Heartbeat heartbeat) {
		return new HeartbeatTasksHealthIndicator(heartbeat);
	}

}
