package dev.heartbeat.autoconfigure.diagnostics;

import java.nio.file.Path;

import dev.heartbeat.autoconfigure.HeartbeatAutoConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

class HeartbeatBindFailureAnalyzerTests {

	@TempDir
	Path directory;

	private ApplicationContextRunner contextRunner() {
		return new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(HeartbeatAutoConfiguration.class))
			.withPropertyValues("heartbeat.state-file=" + this.directory.resolve("app.heartbeat"));
	}

	@Test
	void unparseableDurationNamesThePropertyTheValueAndTheFormats() {
		contextRunner().withPropertyValues("heartbeat.interval=often").run((context) -> {
			FailureAnalysis analysis = new HeartbeatBindFailureAnalyzer().analyze(context.getStartupFailure());
			assertThat(analysis.getDescription())
				.startsWith("Invalid value 'often' for configuration property 'heartbeat.interval'")
				.endsWith(": it is not a duration.");
			assertThat(analysis.getAction()).startsWith("Set heartbeat.interval to a duration such as 10s");
		});
	}

	@Test
	void unparseableNestedDurationNamesItsProperty() {
		contextRunner().withPropertyValues("heartbeat.recovery.targets.feed.max-backoff=5 minutes").run((context) -> {
			FailureAnalysis analysis = new HeartbeatBindFailureAnalyzer().analyze(context.getStartupFailure());
			assertThat(analysis.getDescription()).startsWith(
					"Invalid value '5 minutes' for configuration property 'heartbeat.recovery.targets.feed.max-backoff'");
			assertThat(analysis.getAction()).startsWith("Set heartbeat.recovery.targets.feed.max-backoff to a duration");
		});
	}

	@Test
	void unknownStopActionListsTheKnownOnes() {
		contextRunner().withPropertyValues("heartbeat.on-stop=explode").run((context) -> {
			FailureAnalysis analysis = new HeartbeatBindFailureAnalyzer().analyze(context.getStartupFailure());
			assertThat(analysis.getDescription()).contains("'explode'").contains("'heartbeat.on-stop'");
			assertThat(analysis.getAction()).isEqualTo("Set heartbeat.on-stop to one of mark, delete, keep.");
		});
	}

}
