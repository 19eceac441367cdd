package dev.heartbeat.autoconfigure.health;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import dev.heartbeat.Heartbeat;
import dev.heartbeat.MutableTicker;
import dev.heartbeat.RecoveryPolicy;
import dev.heartbeat.ScheduledBeats;
import dev.heartbeat.autoconfigure.BootLine;
import dev.heartbeat.autoconfigure.HeartbeatAutoConfiguration;
import dev.heartbeat.autoconfigure.HeartbeatBuilderCustomizer;
import dev.heartbeat.health.HealthView;
import dev.heartbeat.health.HeartbeatHealthIndicator;
import dev.heartbeat.health.HeartbeatTargetsHealthIndicator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

class HeartbeatHealthContributorAutoConfigurationTests {

	@TempDir
	Path directory;

	private ApplicationContextRunner contextRunner() {
		return new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(HeartbeatAutoConfiguration.class,
					HeartbeatHealthContributorAutoConfiguration.class))
			.withPropertyValues("heartbeat.state-file=" + this.directory.resolve("app.heartbeat"));
	}

	@Test
	void defaultsCreateTheIndicatorUnderTheHeartbeatKey() {
		contextRunner().run((context) -> {
			assertThat(context).hasSingleBean(HeartbeatHealthIndicator.class).hasBean("heartbeatHealthIndicator");
			assertThat(HealthView.of(context.getBean(HeartbeatHealthIndicator.class)).status()).isEqualTo("UP");
		});
	}

	@Test
	void defaultsCreateTheTargetsIndicatorUnderTheHeartbeatTargetsKey() {
		contextRunner().run((context) -> {
			assertThat(context).hasSingleBean(HeartbeatTargetsHealthIndicator.class)
				.hasBean("heartbeatTargetsHealthIndicator");
			assertThat(HealthView.of(context.getBean(HeartbeatTargetsHealthIndicator.class)).status()).isEqualTo("UP");
		});
	}

	@Test
	void whenHealthIndicatorIsDisabledThenNoIndicatorButTheTargetsOne() {
		contextRunner().withPropertyValues("management.health.heartbeat.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(HeartbeatHealthIndicator.class)
				.hasSingleBean(HeartbeatTargetsHealthIndicator.class));
	}

	@Test
	void whenTargetsIndicatorIsDisabledThenOnlyTheHeartbeatIndicator() {
		contextRunner().withPropertyValues("management.health.heartbeat-targets.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(HeartbeatTargetsHealthIndicator.class)
				.hasSingleBean(HeartbeatHealthIndicator.class));
	}

	@Test
	void targetsIndicatorIsSwitchedByTheRelaxedFormOfItsKeyToo() {
		contextRunner().withPropertyValues("management.health.heartbeattargets.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(HeartbeatTargetsHealthIndicator.class));
	}

	@Test
	void whenAllDefaultIndicatorsAreDisabledThenNoIndicator() {
		contextRunner().withPropertyValues("management.health.defaults.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(HeartbeatHealthIndicator.class)
				.doesNotHaveBean(HeartbeatTargetsHealthIndicator.class));
	}

	@Test
	void whenHeartbeatIsDisabledThenNoIndicator() {
		contextRunner().withPropertyValues("heartbeat.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(HeartbeatHealthIndicator.class)
				.doesNotHaveBean(HeartbeatTargetsHealthIndicator.class));
	}

	@Test
	void withoutSpringBootHealthThenNoIndicator() {
		contextRunner().withClassLoader(new FilteredClassLoader(BootLine.healthIndicator()))
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(HeartbeatHealthIndicator.class)
				.doesNotHaveBean(HeartbeatTargetsHealthIndicator.class));
	}

	@Test
	void anEscalatedTargetTakesTheHeartbeatComponentDownButADeadOneDoesNot() {
		escalatingContextRunner().run((context) -> {
			EscalatingFeed feed = context.getBean(EscalatingFeed.class);
			Object heartbeat = context.getBean("heartbeatHealthIndicator");
			Object targets = context.getBean("heartbeatTargetsHealthIndicator");
			assertThat(feed.heartbeat(context).targetReports().get(0).recoveryAttempts()).isOne();
			assertThat(HealthView.of(heartbeat).status()).isEqualTo("UP");
			assertThat(HealthView.of(targets).status()).isEqualTo("OUT_OF_SERVICE");
			feed.nextBeat(context);
			assertThat(HealthView.of(heartbeat).status()).isEqualTo("DOWN");
			assertThat(HealthView.of(targets).status()).isEqualTo("OUT_OF_SERVICE");
		});
	}

	@Test
	void whenEscalationMayNotBreakLivenessAnEscalatedTargetLeavesTheHeartbeatComponentUp() {
		escalatingContextRunner().withPropertyValues("heartbeat.liveness.escalate=false").run((context) -> {
			EscalatingFeed feed = context.getBean(EscalatingFeed.class);
			feed.nextBeat(context);
			assertThat(feed.heartbeat(context).isEscalated()).isTrue();
			HealthView health = HealthView.of(context.getBean(HeartbeatHealthIndicator.class));
			assertThat(health.status()).isEqualTo("UP");
			assertThat(health.details()).containsEntry("escalated", List.of("feed"));
		});
	}

	@Test
	void userTargetsIndicatorMakesOursBackOff() {
		Object custom = BootLine.unknownHealthIndicator();
		contextRunner().withBean("heartbeatTargetsHealthIndicator", Object.class, () -> custom)
			.run((context) -> assertThat(context).doesNotHaveBean(HeartbeatTargetsHealthIndicator.class)
				.getBean("heartbeatTargetsHealthIndicator")
				.isSameAs(custom));
	}

	// a target that stays dead, one recovery attempt allowed, beats driven by hand
	private ApplicationContextRunner escalatingContextRunner() {
		EscalatingFeed feed = new EscalatingFeed();
		return contextRunner().withPropertyValues("heartbeat.deadlock.enabled=false")
			.withBean(EscalatingFeed.class, () -> feed)
			.withBean(HeartbeatBuilderCustomizer.class,
					() -> (builder) -> builder.ticker(feed.ticker)
						.callbackExecutor(Runnable::run)
						.interval(Duration.ofSeconds(300))
						.target("feed", () -> true)
						.recoveryPolicy("feed",
								new RecoveryPolicy(Duration.ofSeconds(1), 1.0, Duration.ofSeconds(1), 1, 1, 1, true)));
	}

	static final class EscalatingFeed {

		final MutableTicker ticker = new MutableTicker();

		Heartbeat heartbeat(ApplicationContext context) {
			return context.getBean(Heartbeat.class);
		}

		void nextBeat(ApplicationContext context) {
			this.ticker.advance(Duration.ofSeconds(300));
			ScheduledBeats.tick(heartbeat(context));
		}

	}

	@Test
	void userIndicatorNamedHeartbeatMakesOursBackOff() {
		Object custom = BootLine.unknownHealthIndicator();
		contextRunner().withBean("heartbeatHealthIndicator", Object.class, () -> custom)
			.run((context) -> assertThat(context).doesNotHaveBean(HeartbeatHealthIndicator.class)
				.getBean("heartbeatHealthIndicator")
				.isSameAs(custom));
	}

}
