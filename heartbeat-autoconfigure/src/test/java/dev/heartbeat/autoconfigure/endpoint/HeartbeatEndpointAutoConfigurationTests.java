package dev.heartbeat.autoconfigure.endpoint;

import java.nio.file.Path;

import dev.heartbeat.Heartbeat;
import dev.heartbeat.autoconfigure.HeartbeatAutoConfiguration;
import dev.heartbeat.endpoint.HeartbeatEndpoint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.convert.ApplicationConversionService;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

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

}
