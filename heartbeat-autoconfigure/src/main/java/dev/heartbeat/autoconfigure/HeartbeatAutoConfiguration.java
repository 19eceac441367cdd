package dev.heartbeat.autoconfigure;

import java.nio.file.Path;

import dev.heartbeat.Heartbeat;
import dev.heartbeat.HeartbeatListener;
import dev.heartbeat.HeartbeatMetadataContributor;
import dev.heartbeat.HeartbeatStatus;
import dev.heartbeat.HeartbeatTarget;
import dev.heartbeat.context.HeartbeatLifecycle;
import dev.heartbeat.context.LivenessEscalation;
import dev.heartbeat.event.HeartbeatEventPublisher;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.LazyInitializationExcludeFilter;
import org.springframework.boot.actuate.endpoint.Sanitizer;
import org.springframework.boot.actuate.endpoint.SanitizingFunction;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.util.StringUtils;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration Auto-configuration} of a
 * {@link Heartbeat} that watches every {@link HeartbeatTarget} bean and runs with the application
 * context.
 */
@AutoConfiguration
@ConditionalOnBooleanProperty(name = "heartbeat.enabled", matchIfMissing = true)
@EnableConfigurationProperties({ HeartbeatProperties.class, HeartbeatRecoveryProperties.class })
public final class HeartbeatAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	Heartbeat heartbeat(HeartbeatProperties properties, HeartbeatRecoveryProperties recovery, Environment environment, ListableBeanFactory beanFactory,
			ObjectProvider<HeartbeatListener> listeners, ObjectProvider<HeartbeatMetadataContributor> contributors,
			ObjectProvider<HeartbeatBuilderCustomizer> customizers) {
		Heartbeat.Builder builder = Heartbeat.builder()
			.stateFile(stateFile(properties, environment))
			.interval(properties.getInterval())
			.metadata(properties.getMetadata())
			.initialStatus(HeartbeatStatus.STARTING)
			.stopAction(properties.getOnStop())
			.fsync(properties.isFsync())
			.filePermissions(properties.filePermissionSet())
			.recoveryPolicy(recovery.toPolicy());
		recovery.getTargets().forEach((name, target) -> builder.recoveryPolicy(name, recovery.toPolicy(target)));
		if (properties.getMaxAge() != null) {
			builder.maxAge(properties.getMaxAge());
		}
		if (properties.getTargetTimeout() != null) {
			builder.targetTimeout(properties.getTargetTimeout());
		}
		// bean names, not class names, tell two targets of one class apart
		beanFactory.getBeansOfType(HeartbeatTarget.class).forEach(builder::target);
		listeners.orderedStream().forEach(builder::listener);
		contributors.orderedStream().forEach(builder::metadataContributor);
		customizers.orderedStream().forEach((customizer) -> customizer.customize(builder));
		return builder.build();
	}

	@Bean
	@ConditionalOnMissingBean
	HeartbeatEventPublisher heartbeatEventPublisher(ApplicationEventPublisher applicationEventPublisher) {
		return new HeartbeatEventPublisher(applicationEventPublisher);
	}

	@Bean
	@ConditionalOnMissingBean
	HeartbeatLifecycle heartbeatLifecycle(Heartbeat heartbeat) {
		return new HeartbeatLifecycle(heartbeat);
	}

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnBooleanProperty(name = "heartbeat.liveness.escalate", matchIfMissing = true)
	LivenessEscalation heartbeatLivenessEscalation(ApplicationEventPublisher applicationEventPublisher,
			ObjectProvider<ApplicationAvailability> availability) {
		return new LivenessEscalation(applicationEventPublisher, availability.getIfAvailable());
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(Sanitizer.class)
	static class SensitiveMetadataConfiguration {

		@Bean
		@ConditionalOnMissingBean
		SensitiveMetadataCustomizer heartbeatSensitiveMetadataCustomizer(HeartbeatProperties properties,
				ObjectProvider<SanitizingFunction> sanitizingFunctions) {
			return new SensitiveMetadataCustomizer(properties.getMetadata(), sanitizingFunctions.orderedStream().toList());
		}

	}

	@Bean
	static LazyInitializationExcludeFilter heartbeatLazyInitializationExcludeFilter() {
		// the heartbeat must start even when nothing asks for it
		return LazyInitializationExcludeFilter.forBeanTypes(HeartbeatLifecycle.class);
	}

	private static @Nullable Path stateFile(HeartbeatProperties properties, Environment environment) {
		String configured = properties.getStateFile();
		String path = (configured != null) ? configured
				: environment.resolvePlaceholders(HeartbeatProperties.DEFAULT_STATE_FILE);
		return StringUtils.hasText(path) ? Path.of(path.strip()) : null;
	}

}
