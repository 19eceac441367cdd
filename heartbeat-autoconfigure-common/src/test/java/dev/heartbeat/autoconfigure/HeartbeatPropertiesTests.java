package dev.heartbeat.autoconfigure;

import java.nio.file.Path;
import java.util.List;

import dev.heartbeat.autoconfigure.diagnostics.DuplicateTargetNameFailureAnalyzer;
import dev.heartbeat.autoconfigure.diagnostics.StateFileLockedFailureAnalyzer;
import dev.heartbeat.autoconfigure.diagnostics.UnusableStateFileFailureAnalyzer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.bind.validation.BindValidationException;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Invalid {@code heartbeat.*} values, as Boot's failure analysis reports them: the
 * property, its value, where it was set, and a reason that names the fix.
 */
class HeartbeatPropertiesTests {

	@TempDir
	Path directory;

	private ApplicationContextRunner contextRunner() {
		return new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(HeartbeatAutoConfiguration.class))
			.withPropertyValues("heartbeat.state-file=" + this.directory.resolve("app.heartbeat"));
	}

	@Test
	void maxAgeUnderTwoIntervalsNamesThePropertyTheValueAndTheFix() {
		contextRunner().withPropertyValues("heartbeat.interval=10s", "heartbeat.max-age=15s").run((context) -> {
			FailureAnalysis analysis = StartupFailureAnalysis.of(context.getStartupFailure());
			assertThat(analysis.getDescription()).contains("Property: heartbeat.maxAge")
				.contains("Value: \"PT15S\"")
				.contains("Origin: \"heartbeat.max-age\" from property source")
				.contains("Reason: A heartbeat whose max age is under two intervals (PT20S) cannot meet its own"
						+ " deadline: it turns stale after a single late beat. Set heartbeat.max-age to at least PT20S,"
						+ " or remove it to use three intervals.");
			assertThat(analysis.getAction()).isEqualTo("Update your application's configuration");
		});
	}

	@Test
	void filePermissionsThatAreNotPermissionsNameTheFix() {
		contextRunner().withPropertyValues("heartbeat.file-permissions=644").run((context) -> {
			FailureAnalysis analysis = StartupFailureAnalysis.of(context.getStartupFailure());
			assertThat(analysis.getDescription()).contains("Property: heartbeat.filePermissions")
				.contains("Value: \"644\"")
				.contains("Set heartbeat.file-permissions to nine characters such as rw-r--r--");
		});
	}

	@Test
	void aCrashLoopThresholdUnderOneNamesTheFix() {
		contextRunner().withPropertyValues("heartbeat.previous-run.crash-loop-threshold=0").run((context) -> {
			FailureAnalysis analysis = StartupFailureAnalysis.of(context.getStartupFailure());
			assertThat(analysis.getDescription()).contains("Property: heartbeat.previousRun.crashLoopThreshold")
				.contains("Value: \"0\"")
				.contains("Set heartbeat.previous-run.crash-loop-threshold to 1 or more");
		});
	}

	@Test
	void filePermissionsThatKeepTheOwnerFromWritingAreRefused() {
		contextRunner().withPropertyValues("heartbeat.file-permissions=r--r--r--").run((context) -> {
			FailureAnalysis analysis = StartupFailureAnalysis.of(context.getStartupFailure());
			assertThat(analysis.getDescription()).contains("Value: \"r--r--r--\"").contains("start with rw");
		});
	}

	@Test
	void everyInvalidPropertyIsReportedAtOnce() {
		contextRunner().withPropertyValues("heartbeat.interval=0s", "heartbeat.target-timeout=-1s").run((context) -> {
			FailureAnalysis analysis = StartupFailureAnalysis.of(context.getStartupFailure());
			assertThat(analysis.getDescription()).contains("Property: heartbeat.interval")
				.contains("Set heartbeat.interval to a positive duration such as 10s")
				.contains("Property: heartbeat.targetTimeout")
				.contains("Set heartbeat.target-timeout to a positive duration such as 5s");
		});
	}

	@Test
	void recoveryOverridesOfATargetNameTheirProperty() {
		contextRunner()
			.withPropertyValues("heartbeat.recovery.targets.feed.multiplier=0.5",
					"heartbeat.recovery.targets[market.db].failure-threshold=0")
			.run((context) -> {
				FailureAnalysis analysis = StartupFailureAnalysis.of(context.getStartupFailure());
				assertThat(analysis.getDescription()).contains("Property: heartbeat.recovery.targets[feed].multiplier")
					.contains("Value: \"0.5\"")
					.contains("Set heartbeat.recovery.targets.feed.multiplier to 1 (a constant backoff) or more")
					.contains("Property: heartbeat.recovery.targets[market.db].failureThreshold")
					.contains("Set heartbeat.recovery.targets.market.db.failure-threshold to 1 or more");
			});
	}

	@Test
	void validationNeedsNoBeanValidation() {
		contextRunner().withClassLoader(new FilteredClassLoader("jakarta.validation", "org.hibernate.validator"))
			.withPropertyValues("heartbeat.interval=-5s")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.isInstanceOf(BindValidationException.class)
				.hasMessageContaining("heartbeat.interval"));
	}

	@Test
	void unparseableDurationNamesThePropertyAndTheValue() {
		contextRunner().withPropertyValues("heartbeat.interval=often").run((context) -> {
			FailureAnalysis analysis = StartupFailureAnalysis.of(context.getStartupFailure());
			assertThat(analysis.getDescription())
				.startsWith("Failed to bind properties under 'heartbeat.interval' to java.time.Duration")
				.contains("Value: \"often\"")
				.contains("'often' is not a valid duration");
		});
	}

	@Test
	void unparseableNestedDurationNamesItsProperty() {
		contextRunner().withPropertyValues("heartbeat.recovery.targets.feed.max-backoff=5 minutes").run((context) -> {
			FailureAnalysis analysis = StartupFailureAnalysis.of(context.getStartupFailure());
			assertThat(analysis.getDescription()).contains("Property: heartbeat.recovery.targets.feed.max-backoff")
				.contains("Value: \"5 minutes\"")
				.contains("'5 minutes' is not a valid duration");
		});
	}

	@Test
	void unknownStopActionListsTheKnownOnes() {
		contextRunner().withPropertyValues("heartbeat.on-stop=explode").run((context) -> {
			FailureAnalysis analysis = StartupFailureAnalysis.of(context.getStartupFailure());
			assertThat(analysis.getDescription()).contains("Property: heartbeat.on-stop")
				.contains("Value: \"explode\"");
			assertThat(analysis.getAction()).contains("The following values are valid:")
				.contains("DELETE")
				.contains("KEEP")
				.contains("MARK");
		});
	}

	@Test
	void onlyTheDomainFailuresHaveAnalyzersOfTheirOwn() {
		List<String> types = StartupFailureAnalysis.analyzers()
			.stream()
			.map((analyzer) -> analyzer.getClass().getName())
			.filter((type) -> type.startsWith("dev.heartbeat."))
			.toList();
		assertThat(types).containsExactlyInAnyOrder(DuplicateTargetNameFailureAnalyzer.class.getName(),
				StateFileLockedFailureAnalyzer.class.getName(), UnusableStateFileFailureAnalyzer.class.getName());
	}

}
