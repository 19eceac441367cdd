package dev.heartbeat.autoconfigure;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import ch.qos.logback.classic.Level;
import dev.heartbeat.Heartbeat;
import dev.heartbeat.HeartbeatState;
import dev.heartbeat.HeartbeatStatus;
import dev.heartbeat.LogRecorder;
import dev.heartbeat.PreviousRun;
import dev.heartbeat.autoconfigure.HeartbeatAutoConfigurationTests.EventRecorder;
import dev.heartbeat.autoconfigure.HeartbeatAutoConfigurationTests.EventRecorderConfiguration;
import dev.heartbeat.autoconfigure.push.HeartbeatPushAutoConfiguration;
import dev.heartbeat.event.BeatEvent;
import dev.heartbeat.event.HeartbeatEvent;
import dev.heartbeat.event.PreviousRunEvent;
import dev.heartbeat.push.PushMonitor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The auto-configured heartbeat reports the previous run it finds in its state file: as
 * an event before the first beat's, in the log with the configured crash-loop threshold,
 * and to the push monitor when asked to.
 */
class PreviousRunAutoConfigurationTests {

	private static final Duration GENEROUS = Duration.ofSeconds(30);

	private static final Instant LAST_BEAT = Instant.parse("2026-01-12T10:00:00.123456Z");

	@TempDir
	Path directory;

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(
				AutoConfigurations.of(HeartbeatAutoConfiguration.class, HeartbeatPushAutoConfiguration.class))
		.withUserConfiguration(EventRecorderConfiguration.class)
		.withPropertyValues("heartbeat.deadlock.enabled=false");

	@Test
	void theEventOfThePreviousRunComesBeforeTheFirstBeatsAndTheThresholdIsConfigured() throws IOException {
		leave(HeartbeatStatus.UP, 1);
		try (LogRecorder log = new LogRecorder()) {
			this.contextRunner
				.withPropertyValues("heartbeat.state-file=" + stateFile(),
						"heartbeat.previous-run.crash-loop-threshold=2")
				.run((context) -> {
					assertThat(context).hasNotFailed();
					PreviousRun previous = context.getBean(Heartbeat.class).previousRun().orElseThrow();
					assertThat(previous.pid()).isEqualTo(7);
					assertThat(previous.uncleanRestarts()).isEqualTo(2);
					List<HeartbeatEvent> events = context.getBean(EventRecorder.class).events;
					await().atMost(GENEROUS).until(() -> events.stream().anyMatch(BeatEvent.class::isInstance));
					assertThat(events.get(0)).isInstanceOfSatisfying(PreviousRunEvent.class,
							(event) -> assertThat(event.getPreviousRun()).isEqualTo(previous));
					assertThat(events).filteredOn(PreviousRunEvent.class::isInstance).hasSize(1);
				});
			assertThat(log.count(Level.WARN, "last 2 runs all ended without a clean stop")).isOne();
		}
	}

	@Test
	void noFileMeansNoEvent() {
		this.contextRunner.withPropertyValues("heartbeat.state-file=" + stateFile()).run((context) -> {
			assertThat(context.getBean(Heartbeat.class).previousRun()).isEmpty();
			List<HeartbeatEvent> events = context.getBean(EventRecorder.class).events;
			await().atMost(GENEROUS).until(() -> events.stream().anyMatch(BeatEvent.class::isInstance));
			assertThat(events).noneMatch(PreviousRunEvent.class::isInstance);
		});
	}

	@Test
	void thePushMonitorSendsFailAfterACrashOnlyWhenAskedTo() {
		this.contextRunner
			.withPropertyValues("heartbeat.state-file=" + stateFile(), "heartbeat.push.url=http://localhost:9/ping")
			.run((context) -> assertThat(context.getBean(PushMonitor.class).failAfterCrash()).isFalse());
		this.contextRunner
			.withPropertyValues("heartbeat.state-file=" + stateFile(), "heartbeat.push.url=http://localhost:9/ping",
					"heartbeat.push.fail-after-crash=true")
			.run((context) -> assertThat(context.getBean(PushMonitor.class).failAfterCrash()).isTrue());
	}

	private void leave(HeartbeatStatus status, long uncleanRestarts) throws IOException {
		Files
			.writeString(stateFile(),
					new HeartbeatState(LAST_BEAT, 7, "other-host", Map.of(), status, 120, Duration.ofSeconds(10),
							Map.of(), Map.of(), Map.of(), LAST_BEAT.plusSeconds(30), uncleanRestarts, null, null)
						.toJson());
	}

	private Path stateFile() {
		return this.directory.resolve("app.heartbeat");
	}

}
