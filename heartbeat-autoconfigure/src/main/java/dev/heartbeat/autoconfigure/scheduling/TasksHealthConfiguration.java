package dev.heartbeat.autoconfigure.scheduling;

import dev.heartbeat.Heartbeat;
import dev.heartbeat.health.HeartbeatTasksHealthIndicator;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The scheduled tasks' health component, {@code heartbeatTasks}, unless
 * {@code management.health.heartbeat-tasks.enabled} is false.
 */
// per Boot line: Boot 4 moved HealthIndicator and ConditionalOnEnabledHealthIndicator to
// spring-boot-health
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
