package dev.heartbeat.autoconfigure.health;

import java.nio.file.Path;

import dev.heartbeat.autoconfigure.HeartbeatAutoConfiguration;
import dev.heartbeat.health.HeartbeatHealthIndicator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

class HeartbeatHealthContributorAutoConfigurationTests {

	@TempDir
	Path directory;

	private ApplicationContextRunner contextRunner() {
		return new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(HeartbeatAutoConfiguration.class,
					HeartbeatHealthContributorAutoConfiguration.class))
			.withPropertyValues("heartbeat.state-file=" + this.directory.resolve("app.heartbeat"));
	}

	@Test
	void defaultsCreateTheIndicatorUnderTheHeartbeatKey() {
		contextRunner().run((context) -> {
			assertThat(context).hasSingleBean(HeartbeatHealthIndicator.class).hasBean("heartbeatHealthIndicator");
			assertThat(context.getBean(HeartbeatHealthIndicator.class).health().getStatus()).isEqualTo(Status.UP);
		});
	}

	@Test
	void whenHealthIndicatorIsDisabledThenNoIndicator() {
		contextRunner().withPropertyValues("management.health.heartbeat.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(HeartbeatHealthIndicator.class));
	}

	@Test
	void whenAllDefaultIndicatorsAreDisabledThenNoIndicator() {
		contextRunner().withPropertyValues("management.health.defaults.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(HeartbeatHealthIndicator.class));
	}

	@Test
	void whenHeartbeatIsDisabledThenNoIndicator() {
		contextRunner().withPropertyValues("heartbeat.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(HeartbeatHealthIndicator.class));
	}

	@Test
	void withoutSpringBootHealthThenNoIndicator() {
		contextRunner().withClassLoader(new FilteredClassLoader(HealthIndicator.class))
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(HeartbeatHealthIndicator.class));
	}

	@Test
	void userIndicatorNamedHeartbeatMakesOursBackOff() {
		HealthIndicator custom = () -> org.springframework.boot.health.contributor.Health.unknown().build();
		contextRunner().withBean("heartbeatHealthIndicator", HealthIndicator.class, () -> custom)
			.run((context) -> assertThat(context).doesNotHaveBean(HeartbeatHealthIndicator.class)
				.getBean("heartbeatHealthIndicator")
				.isSameAs(custom));
	}

}
