package dev.heartbeat.autoconfigure;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.heartbeat.Heartbeat;
import dev.heartbeat.HeartbeatState;
import dev.heartbeat.HeartbeatStatus;
import dev.heartbeat.health.HealthView;
import dev.heartbeat.health.HeartbeatHealthIndicator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

import org.springframework.boot.actuate.endpoint.SanitizableData;
import org.springframework.boot.actuate.endpoint.SanitizingFunction;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How the auto-configured heartbeat treats its state file: shared by contexts of one JVM,
 * with the configured permissions, and with no sensitive value in it.
 */
class HeartbeatAutoConfigurationFileTests {

	@TempDir
	Path directory;

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(HeartbeatAutoConfiguration.class));

	private Path stateFile() {
		return this.directory.resolve("app.heartbeat");
	}

	private ApplicationContextRunner withStateFile() {
		return this.contextRunner.withPropertyValues("heartbeat.state-file=" + stateFile());
	}

	@Test
	void contextsOfOneJvmWithOneStateFileBothStartAndTheLastToCloseMarksItStopped() {
		// as a test framework's context cache keeps them: side by side, with the same
		// default file
		withStateFile().run((first) -> {
			withStateFile().run((second) -> {
				assertThat(first).hasNotFailed();
				assertThat(second).hasNotFailed();
				assertThat(second.getBean(Heartbeat.class).isRunning()).isTrue();
				assertThat(HealthView.of(new HeartbeatHealthIndicator(second.getBean(Heartbeat.class))).status())
					.isEqualTo("UP");
			});
			assertThat(HeartbeatState.read(stateFile()).orElseThrow().status()).isNotEqualTo(HeartbeatStatus.STOPPED);
			first.getBean(Heartbeat.class).beat();
			assertThat(HealthView.of(new HeartbeatHealthIndicator(first.getBean(Heartbeat.class))).status())
				.isEqualTo("UP");
		});
		assertThat(HeartbeatState.read(stateFile()).orElseThrow().status()).isEqualTo(HeartbeatStatus.STOPPED);
	}

	@Test
	void filePermissionsAndFsyncAreApplied() {
		withStateFile().withPropertyValues("heartbeat.file-permissions=rw-r-----", "heartbeat.fsync=true")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(stateFile())))
					.isEqualTo("rw-r-----");
			});
	}

	@Test
	void metadataThatBootsSanitizerWouldHideIsWrittenMaskedAndNeverLogged() {
		Logger logger = (Logger) LoggerFactory.getLogger("dev.heartbeat");
		ListAppender<ILoggingEvent> appender = new ListAppender<>();
		appender.start();
		logger.addAppender(appender);
		try {
			withStateFile()
				.withPropertyValues("heartbeat.metadata.version=1.2.3", "heartbeat.metadata.db-password=hunter2",
						"heartbeat.metadata.api-token=t0k3n", "heartbeat.metadata.upstream-url=https://u:p@host",
						"heartbeat.metadata.tenant=acme")
				.withBean(SanitizingFunction.class,
						() -> SanitizingFunction.sanitizeValue().ifKeyEquals("heartbeat.metadata.tenant"))
				.run((context) -> {
					assertThat(context).hasNotFailed();
					String written = Files.readString(stateFile());
					assertThat(written).doesNotContain("hunter2", "t0k3n", "u:p@host", "acme").contains("1.2.3");
					assertThat(HeartbeatState.read(stateFile()).orElseThrow().metadata())
						.containsEntry("db-password", SanitizableData.SANITIZED_VALUE)
						.containsEntry("tenant", SanitizableData.SANITIZED_VALUE)
						.containsEntry("version", "1.2.3");
				});
			assertThat(appender.list).extracting(ILoggingEvent::getFormattedMessage)
				.anySatisfy((message) -> assertThat(message).contains("db-password"))
				.noneSatisfy((message) -> assertThat(message).contains("hunter2"))
				.noneSatisfy((message) -> assertThat(message).contains("t0k3n"));
		}
		finally {
			logger.detachAppender(appender);
		}
	}

	@Test
	void withoutMetadataNothingIsSanitizedAtStartUp() {
		withStateFile().run((context) -> {
			assertThat(context).hasNotFailed().doesNotHaveBean(SensitiveMetadataCustomizer.class);
			assertThat(HeartbeatState.read(stateFile()).orElseThrow().metadata()).isEmpty();
		});
	}

	@Test
	void withMetadataItIsSanitized() {
		withStateFile().withPropertyValues("heartbeat.metadata.api-token=t0k3n")
			.run((context) -> assertThat(context).hasNotFailed().hasSingleBean(SensitiveMetadataCustomizer.class));
	}

	@Test
	void withoutActuatorMetadataIsWrittenAsConfigured() {
		withStateFile().withClassLoader(new FilteredClassLoader("org.springframework.boot.actuate"))
			.withPropertyValues("heartbeat.metadata.version=1.2.3")
			.run((context) -> {
				assertThat(context).hasNotFailed().doesNotHaveBean(SensitiveMetadataCustomizer.class);
				assertThat(HeartbeatState.read(stateFile()).orElseThrow().metadata()).containsEntry("version", "1.2.3");
			});
	}

}
