package dev.heartbeat.autoconfigure;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;

import ch.qos.logback.classic.Level;
import dev.heartbeat.Heartbeat;
import dev.heartbeat.HeartbeatBuilder;
import dev.heartbeat.HeartbeatListener;
import dev.heartbeat.HeartbeatMetadataContributor;
import dev.heartbeat.HeartbeatState;
import dev.heartbeat.HeartbeatStatus;
import dev.heartbeat.HeartbeatTarget;
import dev.heartbeat.LogRecorder;
import dev.heartbeat.RecordingListener;
import dev.heartbeat.RecoveryPolicy;
import dev.heartbeat.StopAction;
import dev.heartbeat.TargetReport;
import dev.heartbeat.TargetStatus;
import dev.heartbeat.context.HeartbeatLifecycle;
import dev.heartbeat.context.LivenessEscalation;
import dev.heartbeat.event.BeatEvent;
import dev.heartbeat.event.HeartbeatEvent;
import dev.heartbeat.event.HeartbeatEventPublisher;
import dev.heartbeat.event.TargetDeadEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.boot.LazyInitializationBeanFactoryPostProcessor;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

class HeartbeatAutoConfigurationTests {

	@TempDir
	Path directory;

	// the built-in deadlock target has tests of its own: here, only the application's
	// targets
	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(HeartbeatAutoConfiguration.class))
		.withPropertyValues("heartbeat.deadlock.enabled=false");

	private ApplicationContextRunner withStateFile() {
		return this.contextRunner.withPropertyValues("heartbeat.state-file=" + stateFile());
	}

	private Path stateFile() {
		return this.directory.resolve("app.heartbeat");
	}

	@Test
	void defaultsCreateARunningHeartbeat() {
		withStateFile().run((context) -> {
			assertThat(context).hasSingleBean(Heartbeat.class)
				.hasSingleBean(HeartbeatLifecycle.class)
				.hasSingleBean(HeartbeatEventPublisher.class)
				.hasSingleBean(HeartbeatProperties.class);
			Heartbeat heartbeat = context.getBean(Heartbeat.class);
			assertThat(heartbeat.isRunning()).isTrue();
			assertThat(heartbeat.interval()).isEqualTo(Duration.ofSeconds(10));
			assertThat(heartbeat.maxAge()).isEqualTo(Duration.ofSeconds(30));
			assertThat(heartbeat.status()).isEqualTo(HeartbeatStatus.STARTING);
			assertThat(HeartbeatState.read(stateFile()).orElseThrow().status()).isEqualTo(HeartbeatStatus.STARTING);
		});
	}

	@Test
	void defaultStateFileIsNamedAfterTheApplicationInTheTempDirectory() {
		// the temp directory as the environment resolves it: this test's own, never the
		// shared one
		this.contextRunner
			.withPropertyValues("java.io.tmpdir=" + this.directory, "spring.application.name=orders",
					"heartbeat.on-stop=delete")
			.run((context) -> assertThat(context.getBean(Heartbeat.class).stateFile())
				.contains(this.directory.resolve("orders.heartbeat")));
	}

	@Test
	void emptyStateFileKeepsBeatsInMemory() {
		this.contextRunner.withPropertyValues("heartbeat.state-file=").run((context) -> {
			Heartbeat heartbeat = context.getBean(Heartbeat.class);
			assertThat(heartbeat.stateFile()).isEmpty();
			assertThat(heartbeat.lastState()).isPresent();
		});
	}

	@Test
	void whenDisabledThenNoHeartbeat() {
		withStateFile().withPropertyValues("heartbeat.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(Heartbeat.class)
				.doesNotHaveBean(HeartbeatLifecycle.class)
				.doesNotHaveBean(HeartbeatProperties.class));
	}

	@Test
	void userHeartbeatMakesOursBackOff() {
		withStateFile().withUserConfiguration(UserHeartbeatConfiguration.class)
			.run((context) -> assertThat(context).hasSingleBean(Heartbeat.class)
				.getBean(Heartbeat.class)
				.isSameAs(context.getBean(UserHeartbeatConfiguration.class).heartbeat));
	}

	@Test
	void userHeartbeatBuiltFromTheBuilderGetsThePropertiesTargetsAndListeners() {
		RecordingListener listener = new RecordingListener();
		try (LogRecorder log = new LogRecorder()) {
			withStateFile().withPropertyValues("heartbeat.interval=2s", "heartbeat.metadata.region=eu")
				.withUserConfiguration(BuiltFromTheBuilderConfiguration.class)
				.withBean(HeartbeatListener.class, () -> listener)
				.withBean("feed", HeartbeatTarget.class, () -> () -> true)
				.run((context) -> {
					assertThat(context).hasSingleBean(Heartbeat.class).hasBean("ownHeartbeat");
					Heartbeat heartbeat = context.getBean(Heartbeat.class);
					assertThat(heartbeat.interval()).isEqualTo(Duration.ofSeconds(2));
					await().atMost(Duration.ofSeconds(20))
						.untilAsserted(() -> assertThat(heartbeat.targets()).containsOnlyKeys("feed"));
					await().atMost(Duration.ofSeconds(20)).until(() -> !listener.beats.isEmpty());
					assertThat(listener.beats.get(0).metadata()).containsEntry("region", "eu")
						.containsEntry("owner", "orders");
				});
			assertThat(log.messages(Level.WARN)).noneMatch((message) -> message.contains("HeartbeatBuilder"));
		}
	}

	@Test
	void userHeartbeatBuiltWithoutTheBuilderIsWarnedAboutNamingWhatItLacks() {
		try (LogRecorder log = new LogRecorder()) {
			withStateFile().withUserConfiguration(UserHeartbeatConfiguration.class)
				.withBean("auditListener", HeartbeatListener.class, RecordingListener::new)
				.withBean("feed", HeartbeatTarget.class, () -> () -> false)
				.run((context) -> assertThat(context).hasNotFailed());
			assertThat(log.messages(Level.WARN)).singleElement()
				.asString()
				.startsWith("Heartbeat bean customHeartbeat was not built from the auto-configured HeartbeatBuilder")
				.contains("the heartbeat.* properties")
				.contains("listeners [auditListener, heartbeatEventPublisher, heartbeatLivenessEscalation]")
				.contains("targets [feed]")
				.contains("@Bean Heartbeat heartbeat(HeartbeatBuilder heartbeatBuilder)");
		}
	}

	@Test
	void eachInjectionPointGetsABuilderOfItsOwn() {
		withStateFile().run((context) -> assertThat(context.getBean(HeartbeatBuilder.class))
			.isNotSameAs(context.getBean(HeartbeatBuilder.class)));
	}

	@Test
	void propertiesConfigureTheHeartbeat() {
		withStateFile()
			.withPropertyValues("heartbeat.interval=2s", "heartbeat.max-age=5s", "heartbeat.metadata.version=1.2.3",
					"heartbeat.metadata.region=eu", "heartbeat.on-stop=keep")
			.run((context) -> {
				Heartbeat heartbeat = context.getBean(Heartbeat.class);
				assertThat(heartbeat.interval()).isEqualTo(Duration.ofSeconds(2));
				assertThat(heartbeat.maxAge()).isEqualTo(Duration.ofSeconds(5));
				assertThat(heartbeat.lastState().orElseThrow().metadata()).containsEntry("version", "1.2.3")
					.containsEntry("region", "eu");
			});
		// keep leaves the last beat as it was: the one written when the context began to
		// close
		assertThat(HeartbeatState.read(stateFile()).orElseThrow().status()).isEqualTo(HeartbeatStatus.STOPPING);
	}

	@Test
	void intervalOutsideTheBoundsIsClamped() {
		withStateFile().withPropertyValues("heartbeat.interval=100ms")
			.run((context) -> assertThat(context.getBean(Heartbeat.class).interval()).isEqualTo(Duration.ofSeconds(1)));
	}

	@Test
	void unparseableIntervalFailsStartupNamingTheKey() {
		withStateFile().withPropertyValues("heartbeat.interval=often").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure())
				.hasStackTraceContaining("Failed to bind properties under 'heartbeat.interval'");
		});
	}

	@Test
	void nonPositiveIntervalFailsStartupNamingTheKeyAndTheFix() {
		withStateFile().withPropertyValues("heartbeat.interval=0s").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(StartupFailureAnalysis.of(context.getStartupFailure()).getDescription())
				.contains("Property: heartbeat.interval")
				.contains("must be positive");
		});
	}

	@Test
	void maxAgeUnderTwoIntervalsFailsStartupNamingTheKeyAndTheFix() {
		withStateFile().withPropertyValues("heartbeat.interval=10s", "heartbeat.max-age=15s").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(StartupFailureAnalysis.of(context.getStartupFailure()).getDescription())
				.contains("Property: heartbeat.maxAge")
				.contains("Set heartbeat.max-age to at least PT20S");
		});
	}

	@Test
	void unknownStopActionFailsStartupNamingTheKey() {
		withStateFile().withPropertyValues("heartbeat.on-stop=explode").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure())
				.hasStackTraceContaining("Failed to bind properties under 'heartbeat.on-stop'");
		});
	}

	@Test
	void targetBeansAreWatchedUnderTheirBeanNames() {
		withStateFile().withBean("primaryDatabase", HeartbeatTarget.class, () -> () -> false)
			.withBean("marketFeed", HeartbeatTarget.class, () -> () -> true)
			.run((context) -> {
				Heartbeat heartbeat = context.getBean(Heartbeat.class);
				await().atMost(Duration.ofSeconds(20))
					.untilAsserted(() -> assertThat(heartbeat.targets()).containsOnly(
							Map.entry("primaryDatabase", TargetStatus.ALIVE),
							Map.entry("marketFeed", TargetStatus.DEAD)));
				heartbeat.beat();
				assertThat(HeartbeatState.read(stateFile()).orElseThrow().targets()).containsEntry("marketFeed",
						TargetStatus.DEAD);
			});
	}

	@Test
	void lazyTargetIsWatchedAndCreatedByItsFirstCheckNotByTheHeartbeatsCreation() {
		List<String> creations = new CopyOnWriteArrayList<>();
		withStateFile().withPropertyValues("heartbeat.interval=1s")
			.withBean("lazyFeed", HeartbeatTarget.class, () -> created(creations),
					(definition) -> definition.setLazyInit(true))
			.run((context) -> {
				Heartbeat heartbeat = context.getBean(Heartbeat.class);
				await().atMost(Duration.ofSeconds(20))
					.untilAsserted(() -> assertThat(heartbeat.targets())
						.containsExactly(Map.entry("lazyFeed", TargetStatus.ALIVE)));
				// created by a check of the heartbeat's, once the context had started
				assertThat(creations).singleElement().asString().startsWith("heartbeat");
				assertThat(context.getBean("lazyFeed")).isInstanceOf(CreationRecordingTarget.class);
				assertThat(creations).hasSize(1);
			});
	}

	@Test
	void prototypeTargetIsWatchedAsOneInstanceCreatedByItsFirstCheck() {
		List<String> creations = new CopyOnWriteArrayList<>();
		RecordingListener listener = new RecordingListener();
		withStateFile().withPropertyValues("heartbeat.interval=1s")
			.withBean("prototypeFeed", HeartbeatTarget.class, () -> created(creations),
					(definition) -> definition.setScope(BeanDefinition.SCOPE_PROTOTYPE))
			.withBean(HeartbeatListener.class, () -> listener)
			.run((context) -> {
				Heartbeat heartbeat = context.getBean(Heartbeat.class);
				await().atMost(Duration.ofSeconds(30)).until(() -> listener.beats.size() >= 3);
				assertThat(heartbeat.targets()).containsExactly(Map.entry("prototypeFeed", TargetStatus.ALIVE));
				assertThat(creations).singleElement().asString().startsWith("heartbeat");
			});
	}

	@Test
	void lazyTargetThatCannotBeCreatedIsDeadWithTheFailureAsItsReason() {
		withStateFile().withPropertyValues("heartbeat.interval=1s")
			.withBean("brokenFeed", HeartbeatTarget.class, () -> {
				throw new IllegalStateException("no upstream configured");
			}, (definition) -> definition.setLazyInit(true))
			.run((context) -> {
				assertThat(context).hasNotFailed();
				await().atMost(Duration.ofSeconds(20))
					.untilAsserted(() -> assertThat(context.getBean(Heartbeat.class).targetReports()).singleElement()
						.satisfies((report) -> {
							assertThat(report.status()).isEqualTo(TargetStatus.DEAD);
							assertThat(report.reason()).contains("Error creating bean with name 'brokenFeed'");
						}));
			});
	}

	@Test
	void listenerAndMetadataContributorBeansAreUsed() {
		RecordingListener listener = new RecordingListener();
		withStateFile().withBean(HeartbeatListener.class, () -> listener)
			.withBean(HeartbeatMetadataContributor.class, () -> () -> Map.of("queueDepth", 42))
			.run((context) -> {
				await().atMost(Duration.ofSeconds(20)).until(() -> !listener.beats.isEmpty());
				assertThat(listener.beats.get(0).metadata()).containsEntry("queueDepth", 42);
			});
	}

	@Test
	void eventListenersSeeBeatsAndDeadTargets() {
		withStateFile().withPropertyValues("heartbeat.interval=1s")
			.withUserConfiguration(EventRecorderConfiguration.class)
			.withBean("feed", HeartbeatTarget.class, () -> () -> true)
			.run((context) -> {
				EventRecorder recorder = context.getBean(EventRecorder.class);
				await().atMost(Duration.ofSeconds(20))
					.until(() -> recorder.events.stream().filter(BeatEvent.class::isInstance).count() >= 2);
				assertThat(recorder.events).filteredOn(TargetDeadEvent.class::isInstance)
					.extracting((event) -> ((TargetDeadEvent) event).getTargetName())
					.contains("feed");
			});
	}

	@Test
	void closingTheContextMarksTheFileStopped() {
		withStateFile().run((context) -> assertThat(context.getBean(Heartbeat.class).isRunning()).isTrue());
		assertThat(HeartbeatState.read(stateFile()).orElseThrow().status()).isEqualTo(HeartbeatStatus.STOPPED);
	}

	@Test
	void closingTheContextWritesStoppingBeforeStopped() {
		RecordingListener listener = new RecordingListener();
		withStateFile().withBean(HeartbeatListener.class, () -> listener).run((context) -> {
		});
		assertThat(listener.beats).extracting(HeartbeatState::status)
			.endsWith(HeartbeatStatus.STOPPING, HeartbeatStatus.STOPPED);
	}

	@Test
	void heartbeatStartsUnderLazyInitialization() {
		withStateFile().withBean(LazyInitializationBeanFactoryPostProcessor.class)
			.run((context) -> assertThat(HeartbeatState.read(stateFile())).isPresent());
	}

	@Test
	void livenessEscalationIsOnByDefaultAndCanBeSwitchedOff() {
		withStateFile().run((context) -> assertThat(context).hasSingleBean(LivenessEscalation.class));
		withStateFile().withPropertyValues("heartbeat.liveness.escalate=false")
			.run((context) -> assertThat(context).doesNotHaveBean(LivenessEscalation.class));
	}

	@Test
	void recoveryPropertiesConfigureTheDefaultAndPerTargetPolicies() {
		withStateFile()
			.withPropertyValues("heartbeat.recovery.initial-backoff=3s", "heartbeat.recovery.multiplier=3",
					"heartbeat.recovery.max-backoff=1m", "heartbeat.recovery.max-attempts=4",
					"heartbeat.recovery.failure-threshold=2", "heartbeat.recovery.success-threshold=3",
					"heartbeat.recovery.targets.feed.max-attempts=0", "heartbeat.recovery.targets.feed.critical=false")
			.withBean("feed", HeartbeatTarget.class, () -> () -> false)
			.withBean("db", HeartbeatTarget.class, () -> () -> false)
			.run((context) -> {
				HeartbeatRecoveryProperties recovery = context.getBean(HeartbeatRecoveryProperties.class);
				assertThat(recovery.toPolicy())
					.isEqualTo(new RecoveryPolicy(Duration.ofSeconds(3), 3.0, Duration.ofMinutes(1), 4, 2, 3, true));
				assertThat(recovery.toPolicy(recovery.getTargets().get("feed")))
					.isEqualTo(new RecoveryPolicy(Duration.ofSeconds(3), 3.0, Duration.ofMinutes(1), 0, 2, 3, false));
				assertThat(context.getBean(Heartbeat.class).targetReports())
					.extracting(TargetReport::name, TargetReport::critical)
					.containsExactlyInAnyOrder(tuple("feed", false), tuple("db", true));
			});
	}

	@Test
	void invalidRecoverySettingFailsStartupNamingTheProperty() {
		withStateFile().withPropertyValues("heartbeat.recovery.targets.feed.multiplier=0.5").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(StartupFailureAnalysis.of(context.getStartupFailure()).getDescription())
				.contains("heartbeat.recovery.targets.feed.multiplier")
				.contains("at least 1");
		});
	}

	@Test
	void targetTimeoutIsOneIntervalUnlessSetAndMustBePositive() {
		withStateFile().withPropertyValues("heartbeat.target-timeout=0s").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(StartupFailureAnalysis.of(context.getStartupFailure()).getDescription())
				.contains("heartbeat.target-timeout");
		});
		withStateFile().withPropertyValues("heartbeat.target-timeout=2s", "heartbeat.interval=1s")
			.withBean("slow", HeartbeatTarget.class, () -> HeartbeatAutoConfigurationTests::hangs)
			.run((context) -> await().atMost(Duration.ofSeconds(20))
				.untilAsserted(() -> assertThat(context.getBean(Heartbeat.class).targetReports()).singleElement()
					.satisfies((report) -> assertThat(report.reason())
						.isEqualTo("unresponsive: its check did not answer within PT2S"))));
		withStateFile().withPropertyValues("heartbeat.interval=1s")
			.withBean("slow", HeartbeatTarget.class, () -> HeartbeatAutoConfigurationTests::hangs)
			.run((context) -> await().atMost(Duration.ofSeconds(20))
				.untilAsserted(() -> assertThat(context.getBean(Heartbeat.class).targetReports()).singleElement()
					.satisfies((report) -> assertThat(report.reason())
						.isEqualTo("unresponsive: its check did not answer within PT1S"))));
	}

	@Test
	void builderCustomizersRunAfterTheProperties() {
		withStateFile().withPropertyValues("heartbeat.interval=20s")
			.withBean(HeartbeatBuilderCustomizer.class,
					() -> (builder) -> builder.interval(builder.interval().dividedBy(2)))
			.run((context) -> assertThat(context.getBean(Heartbeat.class).interval())
				.isEqualTo(Duration.ofSeconds(10)));
	}

	private static HeartbeatTarget created(List<String> creations) {
		creations.add(Thread.currentThread().getName());
		return new CreationRecordingTarget();
	}

	// a check that never answers until the heartbeat's stop interrupts it
	@Test
	void metadataTimeoutIsSetByItsPropertyAndMustBePositive() {
		withStateFile().withPropertyValues("heartbeat.metadata-timeout=0").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(StartupFailureAnalysis.of(context.getStartupFailure()).getDescription())
				.contains("heartbeat.metadata-timeout");
		});
		try (LogRecorder log = new LogRecorder()) {
			withStateFile().withPropertyValues("heartbeat.metadata-timeout=200ms", "heartbeat.interval=1s")
				.withBean("slowMetadata", HeartbeatMetadataContributor.class, () -> () -> Map.of("slow", hangs()))
				.run((context) -> await().atMost(Duration.ofSeconds(20))
					.until(() -> log.messages(Level.WARN)
						.stream()
						.anyMatch((message) -> message.contains("did not answer within PT0.2S"))));
		}
	}

	private static boolean hangs() {
		try {
			new CountDownLatch(1).await();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		return false;
	}

	static class CreationRecordingTarget implements HeartbeatTarget {

		@Override
		public boolean isDead() {
			return false;
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class UserHeartbeatConfiguration {

		final Heartbeat heartbeat = Heartbeat.builder().stopAction(StopAction.KEEP).build();

		@Bean
		Heartbeat customHeartbeat() {
			return this.heartbeat;
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class BuiltFromTheBuilderConfiguration {

		@Bean
		Heartbeat ownHeartbeat(HeartbeatBuilder heartbeatBuilder) {
			return heartbeatBuilder.metadata(Map.of("owner", "orders")).build();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class EventRecorderConfiguration {

		@Bean
		EventRecorder eventRecorder() {
			return new EventRecorder();
		}

	}

	static class EventRecorder {

		final List<HeartbeatEvent> events = new CopyOnWriteArrayList<>();

		@EventListener
		void on(HeartbeatEvent event) {
			this.events.add(event);
		}

	}

}
