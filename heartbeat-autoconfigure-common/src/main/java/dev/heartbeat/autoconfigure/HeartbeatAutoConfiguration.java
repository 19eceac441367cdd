package dev.heartbeat.autoconfigure;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;

import dev.heartbeat.Heartbeat;
import dev.heartbeat.HeartbeatBuilder;
import dev.heartbeat.HeartbeatListener;
import dev.heartbeat.HeartbeatMetadataContributor;
import dev.heartbeat.HeartbeatTarget;
import dev.heartbeat.ProcessIdentity;
import dev.heartbeat.context.ApplicationPhaseStatus;
import dev.heartbeat.context.HeartbeatLifecycle;
import dev.heartbeat.context.LivenessEscalation;
import dev.heartbeat.event.HeartbeatEventPublisher;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.ConfigurableBeanFactory;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
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
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Scope;
import org.springframework.core.env.Environment;
import org.springframework.util.StringUtils;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration
 * Auto-configuration} of a {@link Heartbeat} that watches every {@link HeartbeatTarget}
 * bean and runs with the application context. It is built from a prototype
 * {@code HeartbeatBuilder} bean, configured by the {@link HeartbeatBuilderConfigurer}: a
 * {@code Heartbeat} bean of the application's own built from that builder gets the
 * properties, targets, listeners and customizers too.
 *
 * @since 0.1.0
 */
@AutoConfiguration
@ConditionalOnBooleanProperty(name = "heartbeat.enabled", matchIfMissing = true)
@EnableConfigurationProperties({ HeartbeatProperties.class, HeartbeatRecoveryProperties.class })
public final class HeartbeatAutoConfiguration {

	private static final String STATE_FILE_SUFFIX = ".heartbeat";

	private static final SecureRandom RANDOM = new SecureRandom();

	@Bean
	@ConditionalOnMissingBean
	HeartbeatBuilderConfigurer heartbeatBuilderConfigurer(HeartbeatProperties properties,
			HeartbeatRecoveryProperties recovery, Environment environment, ConfigurableListableBeanFactory beanFactory,
			ObjectProvider<HeartbeatListener> listeners, ObjectProvider<HeartbeatMetadataContributor> contributors,
			ObjectProvider<HeartbeatBuilderCustomizer> customizers) {
		Path stateFile = stateFile(properties, environment);
		return new HeartbeatBuilderConfigurer(properties, recovery, stateFile,
				fallbackStateFiles(properties, stateFile), new TargetBeans(beanFactory), listeners, contributors,
				customizers);
	}

	// a new builder for each injection point, as Boot's WebClient.Builder: a builder is
	// mutable
	@Bean
	@Scope(ConfigurableBeanFactory.SCOPE_PROTOTYPE)
	@ConditionalOnMissingBean
	HeartbeatBuilder heartbeatBuilder(HeartbeatBuilderConfigurer configurer) {
		return configurer.configure(Heartbeat.builder());
	}

	@Bean
	@ConditionalOnMissingBean
	Heartbeat heartbeat(HeartbeatBuilder heartbeatBuilder) {
		return heartbeatBuilder.build();
	}

	@Bean
	UnconfiguredHeartbeatWarning heartbeatUnconfiguredWarning(ConfigurableListableBeanFactory beanFactory,
			HeartbeatBuilderConfigurer configurer) {
		return new UnconfiguredHeartbeatWarning(beanFactory, configurer);
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
	ApplicationPhaseStatus heartbeatApplicationPhaseStatus(Heartbeat heartbeat) {
		return new ApplicationPhaseStatus(heartbeat);
	}

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnBooleanProperty(name = "heartbeat.liveness.escalate", matchIfMissing = true)
	LivenessEscalation heartbeatLivenessEscalation(ApplicationEventPublisher applicationEventPublisher,
			ObjectProvider<ApplicationAvailability> availability) {
		return new LivenessEscalation(applicationEventPublisher, availability.getIfAvailable());
	}

	// only with heartbeat.metadata.* set: the customizer would have nothing to mask
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(Sanitizer.class)
	@Conditional(OnMetadataCondition.class)
	static class SensitiveMetadataConfiguration {

		@Bean
		@ConditionalOnMissingBean
		SensitiveMetadataCustomizer heartbeatSensitiveMetadataCustomizer(HeartbeatProperties properties,
				ObjectProvider<SanitizingFunction> sanitizingFunctions) {
			return new SensitiveMetadataCustomizer(properties.getMetadata(),
					sanitizingFunctions.orderedStream().toList());
		}

	}

	@Bean
	static LazyInitializationExcludeFilter heartbeatLazyInitializationExcludeFilter() {
		// the heartbeat must start even when nothing asks for it, and the warning must
		// look at it
		return LazyInitializationExcludeFilter.forBeanTypes(HeartbeatLifecycle.class, ApplicationPhaseStatus.class,
				UnconfiguredHeartbeatWarning.class);
	}

	private static @Nullable Path stateFile(HeartbeatProperties properties, Environment environment) {
		String configured = properties.getStateFile();
		String path = (configured != null) ? configured
				: environment.resolvePlaceholders(HeartbeatProperties.DEFAULT_STATE_FILE);
		return StringUtils.hasText(path) ? Path.of(path.strip()) : null;
	}

	// only the default falls back, a file the user chose is refused with an explanation;
	// a name with a random part follows the one with the pid, which another user of the
	// temp directory could plant for every pid
	private static List<Path> fallbackStateFiles(HeartbeatProperties properties, @Nullable Path stateFile) {
		if (properties.getStateFile() != null || stateFile == null) {
			return List.of();
		}
		String name = String.valueOf(stateFile.getFileName());
		String stem = name.endsWith(STATE_FILE_SUFFIX) ? name.substring(0, name.length() - STATE_FILE_SUFFIX.length())
				: name;
		String ownStem = stem + "-" + ProcessIdentity.pid();
		String unpredictable = HexFormat.of().toHexDigits(RANDOM.nextInt());
		return List.of(stateFile.resolveSibling(ownStem + STATE_FILE_SUFFIX),
				stateFile.resolveSibling(ownStem + "-" + unpredictable + STATE_FILE_SUFFIX));
	}

}
