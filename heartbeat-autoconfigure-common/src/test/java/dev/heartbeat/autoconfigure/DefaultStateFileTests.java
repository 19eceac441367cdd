package dev.heartbeat.autoconfigure;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import ch.qos.logback.classic.Level;
import dev.heartbeat.ChildJvm;
import dev.heartbeat.Heartbeat;
import dev.heartbeat.HeartbeatProcess;
import dev.heartbeat.HeartbeatState;
import dev.heartbeat.HeartbeatStatus;
import dev.heartbeat.LogRecorder;
import dev.heartbeat.ProcessIdentity;
import dev.heartbeat.StateFileLockedException;
import dev.heartbeat.UnusableStateFileException;
import dev.heartbeat.health.HealthView;
import dev.heartbeat.health.HeartbeatHealthIndicator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The default state file never stops an application from starting: when another process
 * writes it or it cannot be used, the application writes a file of its own next to it,
 * named with its pid, and says so; a state file that the user set still stops startup.
 * Each test has a temp directory of its own, where the default file is resolved.
 */
class DefaultStateFileTests {

	private static final Duration GENEROUS = Duration.ofSeconds(60);

	@TempDir
	Path directory;

	// the default file is resolved against java.io.tmpdir in the environment
	private ApplicationContextRunner contextRunner() {
		return new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(HeartbeatAutoConfiguration.class))
			.withPropertyValues("java.io.tmpdir=" + this.directory);
	}

	private Path defaultFile() {
		return this.directory.resolve("application.heartbeat");
	}

	private Path ownFile(long pid) {
		return this.directory.resolve("application-" + pid + ".heartbeat");
	}

	@Test
	void defaultFileOfAnotherProcessIsLeftToItAndTheApplicationWritesItsOwn() throws Exception {
		try (ChildJvm other = ChildJvm.start(HeartbeatProcess.class, defaultFile().toString());
				LogRecorder log = new LogRecorder()) {
			await().atMost(GENEROUS).until(() -> other.printed("STARTED"));
			contextRunner().run((context) -> {
				assertThat(context).hasNotFailed();
				Heartbeat heartbeat = context.getBean(Heartbeat.class);
				assertThat(heartbeat.stateFile()).contains(ownFile(ProcessIdentity.pid()));
				HealthView health = HealthView.of(new HeartbeatHealthIndicator(heartbeat));
				assertThat(health.status()).isEqualTo("UP");
				assertThat(health.details()).containsEntry("stateFile", ownFile(ProcessIdentity.pid()).toString())
					.containsEntry("pid", ProcessIdentity.pid());
				assertThat(HeartbeatState.read(defaultFile()).orElseThrow().pid()).isEqualTo(other.pid());
			});
			assertThat(log.messages(Level.WARN)).singleElement()
				.asString()
				.startsWith("Heartbeat writes its state file " + ownFile(ProcessIdentity.pid()) + " instead of "
						+ defaultFile() + ": State file " + defaultFile()
						+ " is already written by another process (pid " + other.pid() + ",");
		}
	}

	@Test
	void defaultFileThatCannotBeUsedIsReplacedByTheApplicationsOwn() throws IOException {
		// as another user of a shared temp directory could leave it
		Files.createDirectory(defaultFile());
		contextRunner().run((context) -> {
			assertThat(context).hasNotFailed();
			Heartbeat heartbeat = context.getBean(Heartbeat.class);
			assertThat(heartbeat.stateFile()).contains(ownFile(ProcessIdentity.pid()));
			assertThat(HealthView.of(new HeartbeatHealthIndicator(heartbeat)).status()).isEqualTo("UP");
		});
	}

	@Test
	void stateFileThatIsSetStillStopsStartupWhenAnotherProcessWritesIt() throws Exception {
		try (ChildJvm other = ChildJvm.start(HeartbeatProcess.class, defaultFile().toString())) {
			await().atMost(GENEROUS).until(() -> other.printed("STARTED"));
			// the very path of the default, set on purpose
			contextRunner().withPropertyValues("heartbeat.state-file=" + defaultFile()).run((context) -> {
				assertThat(context).hasFailed();
				assertThat(context.getStartupFailure()).rootCause().isInstanceOf(StateFileLockedException.class);
			});
		}
		assertThat(ownFile(ProcessIdentity.pid())).doesNotExist();
	}

	@Test
	void stateFileThatIsSetStillStopsStartupWhenItCannotBeUsed() throws IOException {
		Files.createDirectory(defaultFile());
		contextRunner().withPropertyValues("heartbeat.state-file=" + defaultFile()).run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause().isInstanceOf(UnusableStateFileException.class);
		});
	}

	@Test
	void fallbackNamedWithThePidThatCannotBeUsedEitherIsFollowedByOneThatNobodyCanPredict() throws IOException {
		// another user may plant a directory under the default name for every pid
		Files.createDirectory(defaultFile());
		Files.createDirectory(ownFile(ProcessIdentity.pid()));
		contextRunner().run((context) -> {
			assertThat(context).hasNotFailed();
			Path stateFile = context.getBean(Heartbeat.class).stateFile().orElseThrow();
			assertThat(stateFile.getParent()).isEqualTo(this.directory);
			assertThat(stateFile.getFileName().toString())
				.matches("application-" + ProcessIdentity.pid() + "-[0-9a-f]{8}\\.heartbeat");
			assertThat(HeartbeatState.read(stateFile)).isPresent();
		});
	}

	@Test
	void fallbackIsNamedAfterTheApplication() throws IOException {
		Path orders = Files.createDirectory(this.directory.resolve("orders.heartbeat"));
		contextRunner().withPropertyValues("spring.application.name=orders")
			.run((context) -> assertThat(context.getBean(Heartbeat.class).stateFile())
				.contains(this.directory.resolve("orders-" + ProcessIdentity.pid() + ".heartbeat")));
		assertThat(orders).isDirectory();
	}

	@Test
	void twoJvmsOfOneApplicationWithTheDefaultConfigurationBothStartAndReportUp() throws Exception {
		// both resolve the default file in the same temp directory, this test's own
		List<String> options = List.of("-Djava.io.tmpdir=" + this.directory);
		String classPath = System.getProperty("java.class.path");
		try (ChildJvm first = ChildJvm.start(List.of(), options, classPath, DefaultStateFileApplication.class)) {
			await().atMost(GENEROUS).until(() -> first.printed("STARTED") || !first.process().isAlive());
			try (ChildJvm second = ChildJvm.start(List.of(), options, classPath, DefaultStateFileApplication.class)) {
				await().atMost(GENEROUS).until(() -> second.printed("STARTED") || !second.process().isAlive());
				assertThat(first.lines()).as("output of the first").contains("STARTED " + defaultFile());
				assertThat(second.lines()).as("output of the second").contains("STARTED " + ownFile(second.pid()));
				assertThat(second.lines()).anySatisfy((line) -> assertThat(line).contains("WARN")
					.contains("Heartbeat writes its state file " + ownFile(second.pid()) + " instead of "
							+ defaultFile() + ": State file " + defaultFile()
							+ " is already written by another process (pid " + first.pid() + ","));
				for (ChildJvm child : List.of(first, second)) {
					await().atMost(GENEROUS).until(() -> askHealth(child) && child.printed("HEALTH UP"));
				}
				assertThat(HeartbeatState.read(defaultFile()).orElseThrow())
					.satisfies((state) -> assertThat(state.pid()).isEqualTo(first.pid()))
					.satisfies((state) -> assertThat(state.status()).isEqualTo(HeartbeatStatus.UP));
				assertThat(HeartbeatState.read(ownFile(second.pid())).orElseThrow())
					.satisfies((state) -> assertThat(state.pid()).isEqualTo(second.pid()))
					.satisfies((state) -> assertThat(state.status()).isEqualTo(HeartbeatStatus.UP));
			}
		}
	}

	private static boolean askHealth(ChildJvm child) {
		try {
			OutputStream input = child.process().getOutputStream();
			input.write("health\n".getBytes(StandardCharsets.UTF_8));
			input.flush();
			return true;
		}
		catch (IOException ex) {
			throw new IllegalStateException("The child is gone: " + child.lines(), ex);
		}
	}

}
