package dev.heartbeat.autoconfigure.endpoint;

import java.nio.file.Path;
import java.util.List;

import dev.heartbeat.Heartbeat;
import dev.heartbeat.autoconfigure.HeartbeatAutoConfiguration;
import dev.heartbeat.endpoint.HeartbeatEndpoint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.actuate.autoconfigure.endpoint.EndpointAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.endpoint.jmx.JmxEndpointAutoConfiguration;
import org.springframework.boot.actuate.endpoint.EndpointId;
import org.springframework.boot.actuate.endpoint.OperationType;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.jmx.JmxEndpointsSupplier;
import org.springframework.boot.actuate.endpoint.jmx.JmxOperation;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.jmx.JmxAutoConfiguration;
import org.springframework.boot.convert.ApplicationConversionService;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

class HeartbeatEndpointAutoConfigurationTests {

	@TempDir
	Path directory;

	private ApplicationContextRunner contextRunner() {
		return new ApplicationContextRunner()
			.withConfiguration(
					AutoConfigurations.of(HeartbeatAutoConfiguration.class, HeartbeatEndpointAutoConfiguration.class))
			.withPropertyValues("heartbeat.state-file=" + this.directory.resolve("app.heartbeat"));
	}

	@Test
	void endpointIsNotExposedByDefault() {
		contextRunner().run((context) -> assertThat(context).hasSingleBean(Heartbeat.class)
			.doesNotHaveBean(HeartbeatEndpoint.class));
	}

	@Test
	void endpointIsAvailableWhenExposedOverTheWeb() {
		contextRunner().withPropertyValues("management.endpoints.web.exposure.include=health,heartbeat")
			.run((context) -> {
				assertThat(context).hasSingleBean(HeartbeatEndpoint.class);
				assertThat(context.getBean(HeartbeatEndpoint.class).heartbeat().state()).isNotNull();
			});
	}

	@Test
	void endpointIsAvailableWhenExposedOverJmx() {
		contextRunner()
			.withPropertyValues("spring.jmx.enabled=true", "management.endpoints.jmx.exposure.include=heartbeat")
			.run((context) -> assertThat(context).hasSingleBean(HeartbeatEndpoint.class));
	}

	@Test
	void endpointIsReadOnlyByDefault() {
		jmxContextRunner().run((context) -> assertThat(operationTypes(context)).containsExactly(OperationType.READ,
				OperationType.READ));
	}

	@Test
	void endpointWritesABeatOnlyWhenGrantedUnrestrictedAccess() {
		jmxContextRunner().withPropertyValues("management.endpoint.heartbeat.access=unrestricted")
			.run((context) -> assertThat(operationTypes(context)).containsExactlyInAnyOrder(OperationType.READ,
					OperationType.READ, OperationType.WRITE));
	}

	@Test
	void endpointIsAbsentWhenItsAccessIsNone() {
		contextRunner()
			.withPropertyValues("management.endpoints.web.exposure.include=heartbeat",
					"management.endpoint.heartbeat.access=none")
			// as in an application, where Boot's conversion service reads "none" as
			// Access.NONE
			.withInitializer(
					(context) -> context.getEnvironment().setConversionService(new ApplicationConversionService()))
			.run((context) -> assertThat(context).doesNotHaveBean(HeartbeatEndpoint.class));
	}

	@Test
	void endpointIsAbsentWithoutActuator() {
		contextRunner().withPropertyValues("management.endpoints.web.exposure.include=heartbeat")
			.withClassLoader(new FilteredClassLoader(Endpoint.class))
			.run((context) -> assertThat(context).hasSingleBean(Heartbeat.class)
				.doesNotHaveBean(HeartbeatEndpoint.class));
	}

	@Test
	void endpointIsAbsentWhenTheHeartbeatIsDisabled() {
		contextRunner()
			.withPropertyValues("management.endpoints.web.exposure.include=heartbeat", "heartbeat.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(HeartbeatEndpoint.class));
	}

	// the operations Boot exposes for the endpoint once its access is applied, the same
	// for JMX as for the web (the sample's tests check it over HTTP)
	private static List<OperationType> operationTypes(ApplicationContext context) {
		return context.getBean(JmxEndpointsSupplier.class)
			.getEndpoints()
			.stream()
			.filter((endpoint) -> endpoint.getEndpointId().equals(EndpointId.of("heartbeat")))
			.flatMap((endpoint) -> endpoint.getOperations().stream())
			.map(JmxOperation::getType)
			.toList();
	}

	private ApplicationContextRunner jmxContextRunner() {
		return new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(JmxAutoConfiguration.class, EndpointAutoConfiguration.class,
					JmxEndpointAutoConfiguration.class, HeartbeatAutoConfiguration.class,
					HeartbeatEndpointAutoConfiguration.class))
			.withPropertyValues("heartbeat.state-file=" + this.directory.resolve("app.heartbeat"),
					"spring.jmx.enabled=true", "management.endpoints.jmx.exposure.include=heartbeat")
			// as in an application, where Boot's conversion service reads access levels
			.withInitializer(
					(context) -> context.getEnvironment().setConversionService(new ApplicationConversionService()));
	}

}
