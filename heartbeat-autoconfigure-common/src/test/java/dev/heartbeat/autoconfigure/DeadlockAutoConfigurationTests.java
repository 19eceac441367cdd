package dev.heartbeat.autoconfigure;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.heartbeat.DeadlockTarget;
import dev.heartbeat.Heartbeat;
import dev.heartbeat.HeartbeatTarget;
import dev.heartbeat.TargetReport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The built-in {@code deadlock} target in the auto-configured heartbeat, and the
 * {@code escalate-at-once} setting of target policies.
 */
class DeadlockAutoConfigurationTests {

	@TempDir
	Path directory;

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(HeartbeatAutoConfiguration.class));

	private ApplicationContextRunner withStateFile() {
		return this.contextRunner.withPropertyValues("heartbeat.state-file=" + this.directory.resolve("app.heartbeat"));
	}

	@Test
	void theDeadlockTargetIsWatchedByDefault() {
		withStateFile().run(
				(context) -> assertThat(context.getBean(Heartbeat.class).targetReports()).extracting(TargetReport::name)
					.containsExactly(DeadlockTarget.NAME));
	}

	@Test
	void whenDisabledThenNoDeadlockTarget() {
		withStateFile().withPropertyValues("heartbeat.deadlock.enabled=false")
			.run((context) -> assertThat(context.getBean(Heartbeat.class).targetReports()).isEmpty());
	}

	@Test
	void theDeadlockPolicyIsOverriddenAsAnyTargetsIs() {
		withStateFile().withPropertyValues("heartbeat.recovery.targets.deadlock.critical=false")
			.run((context) -> assertThat(context.getBean(Heartbeat.class).targetReports()).singleElement()
				.satisfies((report) -> assertThat(report.critical()).isFalse()));
	}

	@Test
	void aTargetThatEscalatesAtOnceMakesNoRecoveryAttempt() {
		AtomicBoolean recovered = new AtomicBoolean();
		withStateFile()
			.withPropertyValues("heartbeat.interval=1s", "heartbeat.deadlock.enabled=false",
					"heartbeat.recovery.targets.wedged.escalate-at-once=true")
			.withBean("wedged", HeartbeatTarget.class, () -> new HeartbeatTarget() {

				@Override
				public boolean isDead() {
					return true;
				}

				@Override
				public void recover() {
					recovered.set(true);
				}

			})
			.run((context) -> {
				Heartbeat heartbeat = context.getBean(Heartbeat.class);
				await().atMost(Duration.ofSeconds(20)).until(heartbeat::isEscalated);
				assertThat(heartbeat.targetReports()).singleElement()
					.satisfies((report) -> assertThat(report.recoveryAttempts()).isZero());
				assertThat(recovered).isFalse();
			});
	}

	@Test
	void escalationAtOnceIsTheDeadlockDefaultUnlessAttemptsAreSet() {
		HeartbeatRecoveryProperties recovery = new HeartbeatRecoveryProperties();
		HeartbeatRecoveryProperties.TargetRecovery target = new HeartbeatRecoveryProperties.TargetRecovery();
		assertThat(recovery.toPolicy(target, true).escalateAtOnce()).isTrue();
		assertThat(recovery.toPolicy(target, false).escalateAtOnce()).isFalse();
		target.setMaxAttempts(3);
		assertThat(recovery.toPolicy(target, true).escalateAtOnce()).isFalse();
		target.setEscalateAtOnce(true);
		assertThat(recovery.toPolicy(target, false).escalateAtOnce()).isTrue();
	}

}
