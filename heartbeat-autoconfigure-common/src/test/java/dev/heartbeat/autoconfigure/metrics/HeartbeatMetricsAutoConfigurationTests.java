package dev.heartbeat.autoconfigure.metrics;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import dev.heartbeat.Heartbeat;
import dev.heartbeat.HeartbeatTarget;
import dev.heartbeat.autoconfigure.BootLine;
import dev.heartbeat.autoconfigure.HeartbeatAutoConfiguration;
import dev.heartbeat.autoconfigure.OwnHeartbeatConfiguration;
import dev.heartbeat.metrics.HeartbeatMetrics;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class HeartbeatMetricsAutoConfigurationTests {

	@TempDir
	Path directory;

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(BootLine.metrics()))
		.withConfiguration(
				AutoConfigurations.of(HeartbeatAutoConfiguration.class, HeartbeatMetricsAutoConfiguration.class))
		.withBean("upstream", HeartbeatTarget.class, () -> () -> false)
		// the built-in deadlock target would be one more target in the gauges
		.withPropertyValues("heartbeat.deadlock.enabled=false");

	private ApplicationContextRunner withStateFile() {
		return this.contextRunner.withPropertyValues("heartbeat.state-file=" + this.directory.resolve("app.heartbeat"));
	}

	@Test
	void metersAreRegisteredWhenAMeterRegistryExists() {
		withStateFile().run((context) -> {
			assertThat(context).hasSingleBean(HeartbeatMetrics.class).hasSingleBean(HeartbeatMetricsProperties.class);
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			// the first beat is written when the context starts, after the meters are
			// bound; listeners hear of it
			// on a worker thread
			await().atMost(Duration.ofSeconds(20))
				.until(() -> registry.get("heartbeat.beats").tag("result", "success").counter().count() == 1);
			assertThat(registry.get("heartbeat.beats").tag("result", "failure").counter().count()).isZero();
			assertThat(registry.get("heartbeat.beat.duration").timer().count()).isEqualTo(1);
			assertThat(registry.get("heartbeat.last.beat.age").gauge().value()).isNotNaN().isNotNegative();
			assertThat(registry.get("heartbeat.targets").tag("state", "alive").gauge().value()).isEqualTo(1);
			assertThat(registry.get("heartbeat.recoveries").tag("target", "upstream").counters()).hasSize(3);
		});
	}

	@Test
	void aHeartbeatOfTheApplicationBuiltFromTheBuilderIsMeasured() {
		withStateFile().withUserConfiguration(OwnHeartbeatConfiguration.class).run((context) -> {
			assertThat(context).hasBean("ownHeartbeat").hasSingleBean(HeartbeatMetrics.class);
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			// counted by the listener, which the builder attached
			await().atMost(Duration.ofSeconds(20))
				.until(() -> registry.get("heartbeat.beats").tag("result", "success").counter().count() >= 1);
		});
	}

	@Test
	void withoutAHeartbeatThereAreNoMeters() {
		withStateFile().withPropertyValues("heartbeat.enabled=false")
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(HeartbeatMetrics.class));
	}

	@Test
	void whenMicrometerIsAbsentThenNoMeters() {
		withStateFile().withClassLoader(new FilteredClassLoader("io.micrometer"))
			.run((context) -> assertThat(context).hasSingleBean(Heartbeat.class)
				.doesNotHaveBean(HeartbeatMetrics.class)
				.doesNotHaveBean(HeartbeatMetricsProperties.class));
	}

	@Test
	void whenNoMeterRegistryExistsThenNoMeters() {
		new ApplicationContextRunner()
			.withConfiguration(
					AutoConfigurations.of(HeartbeatAutoConfiguration.class, HeartbeatMetricsAutoConfiguration.class))
			.withPropertyValues("heartbeat.state-file=" + this.directory.resolve("app.heartbeat"),
					"heartbeat.deadlock.enabled=false")
			.run((context) -> assertThat(context).hasSingleBean(Heartbeat.class)
				.doesNotHaveBean(HeartbeatMetrics.class));
	}

	@Test
	void whenMetricsAreDisabledThenNoMeters() {
		withStateFile().withPropertyValues("heartbeat.metrics.enabled=false").run((context) -> {
			assertThat(context).hasSingleBean(Heartbeat.class).doesNotHaveBean(HeartbeatMetrics.class);
			assertThat(context.getBean(MeterRegistry.class).find("heartbeat.beats").meters()).isEmpty();
		});
	}

	@Test
	void whenTheHeartbeatIsDisabledThenNoMeters() {
		withStateFile().withPropertyValues("heartbeat.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(HeartbeatMetrics.class));
	}

	@Test
	void userMetricsMakeOursBackOff() {
		withStateFile().withUserConfiguration(UserMetricsConfiguration.class)
			.run((context) -> assertThat(context).hasSingleBean(HeartbeatMetrics.class)
				.getBean(HeartbeatMetrics.class)
				.isSameAs(context.getBean(UserMetricsConfiguration.class).metrics));
	}

	@Test
	void aRegistryThatOutlivesContextsGetsEachHeartbeatsMetersOnce() {
		// a registry shared by restarted contexts, as a test's or a parent context's may
		// be
		SimpleMeterRegistry shared = new SimpleMeterRegistry();
		ApplicationContextRunner runner = new ApplicationContextRunner()
			.withConfiguration(
					AutoConfigurations.of(HeartbeatAutoConfiguration.class, HeartbeatMetricsAutoConfiguration.class))
			.withPropertyValues("heartbeat.state-file=" + this.directory.resolve("app.heartbeat"),
					"heartbeat.deadlock.enabled=false")
			.withBean(MeterRegistry.class, () -> shared)
			.withBean(BindingConfiguration.class);
		runner.withBean("old", HeartbeatTarget.class, () -> () -> true).run((context) -> {
			// checks and listeners run on worker threads: the first results arrive
			// shortly after start
			await().atMost(Duration.ofSeconds(20))
				.until(() -> shared.get("heartbeat.targets").tag("state", "dead").gauge().value() == 1);
			assertThat(shared.find("heartbeat.recoveries").tag("target", "old").counters()).hasSize(3);
		});
		assertThat(heartbeatMeters(shared)).isEmpty();
		runner.withBean("new", HeartbeatTarget.class, () -> () -> false).run((context) -> {
			await().atMost(Duration.ofSeconds(20))
				.until(() -> shared.get("heartbeat.beats").tag("result", "success").counter().count() == 1
						&& shared.get("heartbeat.targets").tag("state", "alive").gauge().value() == 1);
			assertThat(shared.get("heartbeat.targets").tag("state", "dead").gauge().value()).isZero();
			assertThat(shared.find("heartbeat.recoveries").tag("target", "old").counters()).isEmpty();
			// beats (2), duration, lateness, GC pause, last beat age, targets (2),
			// restarts (2) and
			// the new target's recoveries (3)
			assertThat(heartbeatMeters(shared)).hasSize(13);
		});
	}

	private static List<Meter> heartbeatMeters(MeterRegistry registry) {
		return registry.getMeters()
			.stream()
			.filter((meter) -> meter.getId().getName().startsWith("heartbeat."))
			.toList();
	}

	@Configuration(proxyBeanMethods = false)
	static class UserMetricsConfiguration {

		HeartbeatMetrics metrics;

		@Bean
		HeartbeatMetrics userMetrics(ObjectProvider<Heartbeat> heartbeat) {
			this.metrics = new HeartbeatMetrics(heartbeat::getObject);
			return this.metrics;
		}

	}

	/**
	 * Binds the meter binders as Boot's metrics auto-configuration would, without closing
	 * the registry with the context.
	 */
	static class BindingConfiguration implements SmartInitializingSingleton {

		private final ObjectProvider<MeterBinder> binders;

		private final MeterRegistry registry;

		BindingConfiguration(ObjectProvider<MeterBinder> binders, MeterRegistry registry) {
			this.binders = binders;
			this.registry = registry;
		}

		@Override
		public void afterSingletonsInstantiated() {
			this.binders.orderedStream().forEach((binder) -> binder.bindTo(this.registry));
		}

	}

}
