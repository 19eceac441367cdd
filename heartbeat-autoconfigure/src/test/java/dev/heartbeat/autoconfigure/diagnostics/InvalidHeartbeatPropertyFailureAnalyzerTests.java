package dev.heartbeat.autoconfigure.diagnostics;

import java.nio.file.Path;
import java.util.List;

import dev.heartbeat.autoconfigure.HeartbeatAutoConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.core.env.Environment;
import org.springframework.mock.env.MockEnvironment;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.io.support.SpringFactoriesLoader;

import static org.assertj.core.api.Assertions.assertThat;

class InvalidHeartbeatPropertyFailureAnalyzerTests {

	@TempDir
	Path directory;

	private ApplicationContextRunner contextRunner() {
		return new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(HeartbeatAutoConfiguration.class))
			.withPropertyValues("heartbeat.state-file=" + this.directory.resolve("app.heartbeat"));
	}

	@Test
	void maxAgeUnderTwoIntervalsNamesThePropertyTheValueAndTheFix() {
		contextRunner().withPropertyValues("heartbeat.interval=10s", "heartbeat.max-age=15s").run((context) -> {
			FailureAnalysis analysis = new InvalidHeartbeatPropertyFailureAnalyzer().analyze(context.getStartupFailure());
			assertThat(analysis.getDescription()).isEqualTo("Invalid value 'PT15S' for configuration property"
					+ " 'heartbeat.max-age': A heartbeat whose max age is under two intervals (PT20S) cannot meet its"
					+ " own deadline: it turns stale after a single late beat.");
			assertThat(analysis.getAction())
				.isEqualTo("Set heartbeat.max-age to at least PT20S, or remove it to use three intervals.");
		});
	}

	@Test
	void filePermissionsThatAreNotPermissionsNameTheFix() {
		contextRunner().withPropertyValues("heartbeat.file-permissions=644").run((context) -> {
			FailureAnalysis analysis = new InvalidHeartbeatPropertyFailureAnalyzer().analyze(context.getStartupFailure());
			assertThat(analysis.getDescription())
				.startsWith("Invalid value '644' for configuration property 'heartbeat.file-permissions'");
			assertThat(analysis.getAction()).contains("rw-r--r--");
		});
	}

	@Test
	void filePermissionsThatKeepTheOwnerFromWritingAreRefused() {
		contextRunner().withPropertyValues("heartbeat.file-permissions=r--r--r--").run((context) -> {
			FailureAnalysis analysis = new InvalidHeartbeatPropertyFailureAnalyzer().analyze(context.getStartupFailure());
			assertThat(analysis.getAction()).contains("start with rw");
		});
	}

	@Test
	void heartbeatAnalyzersRunBeforeBootsGenericOnes() {
		// loaded as Boot loads them when startup fails: sorted by order, the first analysis wins
		List<FailureAnalyzer> analyzers = SpringFactoriesLoader.forDefaultResourceLocation()
			.load(FailureAnalyzer.class, SpringFactoriesLoader.ArgumentResolver
				.of(BeanFactory.class, new DefaultListableBeanFactory())
				.and(Environment.class, new MockEnvironment()), (factoryType, factoryImplementationName, failure) -> {
					// Boot skips analyzers whose classes are absent, as here those of web applications
				});
		List<String> types = analyzers.stream().map((analyzer) -> analyzer.getClass().getName()).toList();
		assertThat(types).contains(DuplicateTargetNameFailureAnalyzer.class.getName(),
				StateFileLockedFailureAnalyzer.class.getName(), UnusableStateFileFailureAnalyzer.class.getName());
		assertThat(types.indexOf(InvalidHeartbeatPropertyFailureAnalyzer.class.getName())).isLessThan(types
			.indexOf("org.springframework.boot.diagnostics.analyzer.InvalidConfigurationPropertyValueFailureAnalyzer"));
		assertThat(types.indexOf(HeartbeatBindFailureAnalyzer.class.getName()))
			.isLessThan(types.indexOf("org.springframework.boot.diagnostics.analyzer.BindFailureAnalyzer"));
	}

}
