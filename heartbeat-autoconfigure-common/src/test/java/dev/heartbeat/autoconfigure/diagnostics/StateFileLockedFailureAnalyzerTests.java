package dev.heartbeat.autoconfigure.diagnostics;

import java.nio.file.Path;

import dev.heartbeat.ChildJvm;
import dev.heartbeat.HeartbeatProcess;
import dev.heartbeat.autoconfigure.HeartbeatAutoConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class StateFileLockedFailureAnalyzerTests {

	@TempDir
	Path directory;

	@Test
	void stateFileOfAnotherProcessNamesItsPidAndTheFix() throws Exception {
		Path stateFile = this.directory.resolve("app.heartbeat");
		try (ChildJvm other = ChildJvm.start(HeartbeatProcess.class, stateFile.toString())) {
			await().atMost(java.time.Duration.ofSeconds(30)).until(() -> other.printed("STARTED"));
			new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(HeartbeatAutoConfiguration.class))
				.withPropertyValues("heartbeat.state-file=" + stateFile)
				.run((context) -> {
					assertThat(context).hasFailed();
					FailureAnalysis analysis = new StateFileLockedFailureAnalyzer()
						.analyze(context.getStartupFailure());
					assertThat(analysis.getDescription()).startsWith("The heartbeat state file '" + stateFile
							+ "' (heartbeat.state-file) is already written by process " + other.pid() + ", which holds"
							+ " the lock on " + this.directory.toRealPath().resolve("app.heartbeat.lock"));
					assertThat(analysis.getAction()).startsWith("Stop process " + other.pid()
							+ " if it is a leftover, or give this application its own state file: set"
							+ " heartbeat.state-file");
				});
		}
	}

}
