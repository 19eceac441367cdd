package dev.heartbeat.autoconfigure;

import java.util.Map;

import dev.heartbeat.TargetStatus;
import dev.heartbeat.autoconfigure.endpoint.HeartbeatEndpointAutoConfiguration;
import dev.heartbeat.autoconfigure.health.HeartbeatHealthContributorAutoConfiguration;
import dev.heartbeat.endpoint.FleetSection.FleetDescriptor;
import dev.heartbeat.endpoint.HeartbeatEndpoint;
import dev.heartbeat.endpoint.HeartbeatEndpoint.BeatDescriptor;
import dev.heartbeat.endpoint.HeartbeatEndpoint.HeartbeatDescriptor;
import dev.heartbeat.endpoint.HeartbeatEndpoint.StateDescriptor;
import dev.heartbeat.fleet.FleetSchema;
import org.junit.jupiter.api.Test;

import org.springframework.aot.generate.ClassNameGenerator;
import org.springframework.aot.generate.DefaultGenerationContext;
import org.springframework.aot.generate.InMemoryGeneratedFiles;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.predicate.RuntimeHintsPredicates;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.aot.ApplicationContextAotGenerator;
import org.springframework.core.env.MapPropertySource;
import org.springframework.javapoet.ClassName;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The starter's auto-configurations processed ahead of time, as
 * {@code spring-boot:process-aot} does for a native image: the runtime hints collected
 * must cover everything the starter reads by reflection or as a resource, whether the
 * starter registers it or Spring Boot does.
 */
class HeartbeatAotProcessingTests {

	@Test
	void healthDetailsAreRegisteredByTheStarter() {
		// without the endpoint, whose results Spring Boot registers and which hold the
		// same type
		RuntimeHints hints = processAheadOfTime(HealthConfiguration.class);
		assertThat(RuntimeHintsPredicates.reflection().onType(TargetStatus.class)).accepts(hints);
	}

	@Test
	void fleetSchemaScriptsAreRegisteredByTheFleetModule() {
		assertThat(RuntimeHintsPredicates.resource().forResource(FleetSchema.location("postgresql")))
			.accepts(processAheadOfTime(HealthConfiguration.class));
	}

	@Test
	void endpointOperationsAndTheirResultsAreRegisteredBySpringBoot() {
		RuntimeHints hints = processAheadOfTime(StarterConfiguration.class);
		assertThat(BootLine.invocation(HeartbeatEndpoint.class, "heartbeat")).accepts(hints);
		assertThat(BootLine.invocation(HeartbeatDescriptor.class, "status")).accepts(hints);
		assertThat(BootLine.invocation(StateDescriptor.class, "staleAfter")).accepts(hints);
		assertThat(BootLine.invocation(BeatDescriptor.class, "failure")).accepts(hints);
		assertThat(BootLine.invocation(FleetDescriptor.class, "members")).accepts(hints);
	}

	@Test
	void propertiesAreRegisteredForBindingBySpringBoot() {
		RuntimeHints hints = processAheadOfTime(HealthConfiguration.class);
		assertThat(BootLine.invocation(HeartbeatProperties.class, "setInterval")).accepts(hints);
		assertThat(BootLine.invocation(HeartbeatRecoveryProperties.class, "setMaxAttempts")).accepts(hints);
	}

	private static RuntimeHints processAheadOfTime(Class<?> configuration) {
		try (AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext()) {
			context.getEnvironment()
				.getPropertySources()
				.addFirst(new MapPropertySource("test",
						Map.of("management.endpoints.web.exposure.include", "health,heartbeat")));
			context.register(configuration);
			DefaultGenerationContext generation = new DefaultGenerationContext(
					new ClassNameGenerator(ClassName.get(HeartbeatAotProcessingTests.class)),
					new InMemoryGeneratedFiles());
			new ApplicationContextAotGenerator().processAheadOfTime(context, generation);
			return generation.getRuntimeHints();
		}
	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration({ HeartbeatAutoConfiguration.class, HeartbeatHealthContributorAutoConfiguration.class })
	static class HealthConfiguration {

	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration({ HeartbeatAutoConfiguration.class, HeartbeatHealthContributorAutoConfiguration.class,
			HeartbeatEndpointAutoConfiguration.class })
	static class StarterConfiguration {

	}

}
