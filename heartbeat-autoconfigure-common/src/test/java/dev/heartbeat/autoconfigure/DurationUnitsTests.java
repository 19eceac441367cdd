package dev.heartbeat.autoconfigure;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import ch.qos.logback.classic.Level;
import dev.heartbeat.Heartbeat;
import dev.heartbeat.LogRecorder;
import dev.heartbeat.autoconfigure.fleet.HeartbeatFleetProperties;
import dev.heartbeat.autoconfigure.push.HeartbeatPushProperties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A duration of the heartbeat given without a unit is in seconds, as the Python
 * heartbeat's {@code interval=10} is: a setting carried over keeps its meaning.
 */
class DurationUnitsTests {

	private static final Duration SEVEN_SECONDS = Duration.ofSeconds(7);

	@TempDir
	Path directory;

	private ApplicationContextRunner contextRunner() {
		return new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(HeartbeatAutoConfiguration.class))
			.withPropertyValues("heartbeat.state-file=" + this.directory.resolve("app.heartbeat"));
	}

	@Test
	void intervalWithoutAUnitIsInSeconds() {
		try (LogRecorder log = new LogRecorder()) {
			contextRunner().withPropertyValues("heartbeat.interval=10")
				.run((context) -> assertThat(context.getBean(Heartbeat.class).interval())
					.isEqualTo(Duration.ofSeconds(10)));
			assertThat(log.messages(Level.WARN)).noneMatch((message) -> message.contains("interval"));
		}
	}

	@Test
	void intervalInMillisecondsIsStillMillisecondsAndClamped() {
		try (LogRecorder log = new LogRecorder()) {
			contextRunner().withPropertyValues("heartbeat.interval=10ms")
				.run((context) -> assertThat(context.getBean(Heartbeat.class).interval())
					.isEqualTo(Heartbeat.MIN_INTERVAL));
			assertThat(log.messages(Level.WARN))
				.contains("Heartbeat interval PT0.01S is outside [PT1S, PT5M]; using PT1S");
		}
	}

	@Test
	void everyDurationOfTheHeartbeatWithoutAUnitIsInSeconds() {
		Map<String, String> values = new LinkedHashMap<>();
		for (String name : new String[] { "heartbeat.interval", "heartbeat.max-age", "heartbeat.target-timeout",
				"heartbeat.metadata-timeout", "heartbeat.recovery.initial-backoff", "heartbeat.recovery.max-backoff",
				"heartbeat.recovery.targets.feed.initial-backoff", "heartbeat.recovery.targets.feed.max-backoff",
				"heartbeat.push.timeout", "heartbeat.fleet.check-interval", "heartbeat.fleet.retention",
				"heartbeat.fleet.timeout" }) {
			values.put(name, "7");
		}
		Binder binder = new Binder(new MapConfigurationPropertySource(values));
		HeartbeatProperties heartbeat = binder.bind("heartbeat", HeartbeatProperties.class).get();
		assertThat(heartbeat.getInterval()).isEqualTo(SEVEN_SECONDS);
		assertThat(heartbeat.getMaxAge()).isEqualTo(SEVEN_SECONDS);
		assertThat(heartbeat.getTargetTimeout()).isEqualTo(SEVEN_SECONDS);
		assertThat(heartbeat.getMetadataTimeout()).isEqualTo(SEVEN_SECONDS);
		HeartbeatRecoveryProperties recovery = binder.bind("heartbeat.recovery", HeartbeatRecoveryProperties.class)
			.get();
		assertThat(recovery.getInitialBackoff()).isEqualTo(SEVEN_SECONDS);
		assertThat(recovery.getMaxBackoff()).isEqualTo(SEVEN_SECONDS);
		assertThat(recovery.getTargets().get("feed").getInitialBackoff()).isEqualTo(SEVEN_SECONDS);
		assertThat(recovery.getTargets().get("feed").getMaxBackoff()).isEqualTo(SEVEN_SECONDS);
		assertThat(binder.bind("heartbeat.push", HeartbeatPushProperties.class).get().getTimeout())
			.isEqualTo(SEVEN_SECONDS);
		HeartbeatFleetProperties fleet = binder.bind("heartbeat.fleet", HeartbeatFleetProperties.class).get();
		assertThat(fleet.getCheckInterval()).isEqualTo(SEVEN_SECONDS);
		assertThat(fleet.getRetention()).isEqualTo(SEVEN_SECONDS);
		assertThat(fleet.getTimeout()).isEqualTo(SEVEN_SECONDS);
	}

}
