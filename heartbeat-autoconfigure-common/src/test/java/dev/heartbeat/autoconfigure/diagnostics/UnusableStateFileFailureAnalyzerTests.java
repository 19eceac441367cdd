package dev.heartbeat.autoconfigure.diagnostics;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;

import dev.heartbeat.ProcessIdentity;
import dev.heartbeat.UnusableStateFileException;
import dev.heartbeat.autoconfigure.HeartbeatAutoConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

class UnusableStateFileFailureAnalyzerTests {

	@TempDir
	Path directory;

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(HeartbeatAutoConfiguration.class));

	@Test
	void stateFileThatIsADirectory() throws IOException {
		Path stateFile = Files.createDirectory(this.directory.resolve("app.heartbeat"));
		this.contextRunner.withPropertyValues("heartbeat.state-file=" + stateFile).run((context) -> {
			assertThat(context).hasFailed();
			FailureAnalysis analysis = new UnusableStateFileFailureAnalyzer().analyze(context.getStartupFailure());
			assertThat(analysis.getDescription()).isEqualTo("The heartbeat state file '" + stateFile
					+ "' (heartbeat.state-file) cannot be used: it is a directory.");
			assertThat(analysis.getAction()).isEqualTo(
					"Remove the directory " + stateFile + ", or set heartbeat.state-file to a file in it, such as "
							+ stateFile.resolve("application.heartbeat") + ".");
		});
	}

	@Test
	void parentThatIsAFile() throws IOException {
		Files.writeString(this.directory.resolve("run"), "a file");
		Path stateFile = this.directory.resolve("run/app.heartbeat");
		this.contextRunner.withPropertyValues("heartbeat.state-file=" + stateFile).run((context) -> {
			FailureAnalysis analysis = new UnusableStateFileFailureAnalyzer().analyze(context.getStartupFailure());
			assertThat(analysis.getDescription()).contains("'" + stateFile + "'")
				.contains("cannot be used: its parent is not a directory");
			assertThat(analysis.getAction()).startsWith("A file stands where a directory on the path to "
					+ stateFile.getParent() + " should be: move it away, or set heartbeat.state-file");
		});
	}

	@Test
	void parentThatCannotBeCreated() {
		this.contextRunner.withPropertyValues("heartbeat.state-file=/proc/heartbeat-tests/app.heartbeat")
			.run((context) -> {
				FailureAnalysis analysis = new UnusableStateFileFailureAnalyzer().analyze(context.getStartupFailure());
				assertThat(analysis.getDescription()).contains("its directory cannot be created");
				assertThat(analysis.getAction()).startsWith("Create /proc/heartbeat-tests so that the user running"
						+ " the application can write it, or set heartbeat.state-file");
			});
	}

	@Test
	void anotherUsersFileInASharedDirectory() {
		Path stateFile = this.directory.resolve("app.heartbeat");
		FailureAnalysis analysis = new UnusableStateFileFailureAnalyzer().analyze(new UnusableStateFileException(
				stateFile, UnusableStateFileException.Problem.OWNED_BY_ANOTHER_USER, null));
		assertThat(analysis.getDescription()).isEqualTo("The heartbeat state file '" + stateFile
				+ "' (heartbeat.state-file) cannot be used: another user owns it, and its directory lets only a"
				+ " file's owner replace it.");
		assertThat(analysis.getAction())
			.startsWith("Another user owns " + stateFile + ", and only a file's owner may replace it in "
					+ this.directory + ": have that user remove it, or set heartbeat.state-file");
	}

	@Test
	void defaultFileWhoseFallbacksCannotBeUsedEither() {
		// nobody, root included, can make a directory in /proc
		Path directory = Path.of("/proc/heartbeat-tests");
		this.contextRunner.withPropertyValues("java.io.tmpdir=" + directory).run((context) -> {
			assertThat(context).hasFailed();
			FailureAnalysis analysis = new UnusableStateFileFailureAnalyzer().analyze(context.getStartupFailure());
			assertThat(analysis.getDescription())
				.startsWith("The heartbeat state file '" + directory.resolve("application.heartbeat")
						+ "' (heartbeat.state-file) cannot be used: its directory cannot be created")
				.containsPattern(" Its fallbacks cannot be used either: "
						+ Pattern.quote(directory.resolve("application-" + ProcessIdentity.pid() + ".heartbeat")
								+ " (its directory cannot be created), " + directory + "/application-"
								+ ProcessIdentity.pid() + "-")
						+ "[0-9a-f]{8}\\.heartbeat \\(its directory cannot be created\\)\\.$");
		});
	}

}
