package dev.heartbeat.autoconfigure.push;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;

import dev.heartbeat.Heartbeat;
import dev.heartbeat.HeartbeatStatus;
import dev.heartbeat.autoconfigure.HeartbeatAutoConfiguration;
import dev.heartbeat.autoconfigure.OwnHeartbeatConfiguration;
import dev.heartbeat.autoconfigure.StartupFailureAnalysis;
import dev.heartbeat.push.PushMethod;
import dev.heartbeat.push.PushMonitor;
import dev.heartbeat.push.PushServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.ContextConsumer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class HeartbeatPushAutoConfigurationTests {

	private static final Duration GENEROUS = Duration.ofSeconds(30);

	private final PushServer server;

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(
				AutoConfigurations.of(HeartbeatAutoConfiguration.class, HeartbeatPushAutoConfiguration.class))
		.withPropertyValues("heartbeat.state-file=");

	HeartbeatPushAutoConfigurationTests() throws IOException {
		this.server = new PushServer();
	}

	@AfterEach
	void stopServer() {
		this.server.close();
	}

	@Test
	void withoutAUrlThereIsNoMonitor() {
		this.contextRunner.run((context) -> assertThat(context).hasNotFailed()
			.doesNotHaveBean(PushMonitor.class)
			.doesNotHaveBean(HeartbeatPushProperties.class));
	}

	@Test
	void anEmptyUrlKeepsPushOff() {
		this.contextRunner.withPropertyValues("heartbeat.push.url=")
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(PushMonitor.class));
		this.contextRunner.withPropertyValues("heartbeat.push.url=  ")
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(PushMonitor.class));
	}

	@Test
	void whenTheHeartbeatIsDisabledThereIsNoMonitor() {
		this.contextRunner.withPropertyValues("heartbeat.enabled=false", "heartbeat.push.url=https://hc-ping.com/abc")
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(PushMonitor.class));
	}

	@Test
	void aUrlCreatesAMonitorWithDefaults() {
		this.contextRunner.withPropertyValues("heartbeat.push.url=https://hc-ping.com/abc").run((context) -> {
			assertThat(context).hasSingleBean(PushMonitor.class).hasSingleBean(HeartbeatPushProperties.class);
			PushMonitor monitor = context.getBean(PushMonitor.class);
			assertThat(monitor.url()).isEqualTo(URI.create("https://hc-ping.com/abc"));
			assertThat(monitor.every()).isEqualTo(1);
			assertThat(monitor.signals()).isFalse();
			assertThat(monitor.timeout()).isEqualTo(Duration.ofSeconds(5));
			assertThat(monitor.method()).isEqualTo(PushMethod.GET);
			assertThat(monitor.includeState()).isFalse();
		});
	}

	@Test
	void propertiesConfigureTheMonitor() {
		this.contextRunner
			.withPropertyValues("heartbeat.push.url=http://monitor.internal:8080/ping/orders", "heartbeat.push.every=6",
					"heartbeat.push.signals=true", "heartbeat.push.timeout=2s", "heartbeat.push.method=post",
					"heartbeat.push.include-state=true")
			.run((context) -> {
				PushMonitor monitor = context.getBean(PushMonitor.class);
				assertThat(monitor.url()).isEqualTo(URI.create("http://monitor.internal:8080/ping/orders"));
				assertThat(monitor.every()).isEqualTo(6);
				assertThat(monitor.signals()).isTrue();
				assertThat(monitor.timeout()).isEqualTo(Duration.ofSeconds(2));
				assertThat(monitor.method()).isEqualTo(PushMethod.POST);
				assertThat(monitor.includeState()).isTrue();
			});
	}

	@Test
	void theHeartbeatPushesItsBeatsAndTheMonitorStopsWithTheContext() {
		this.contextRunner
			.withPropertyValues("heartbeat.push.url=" + this.server.url("/c"), "heartbeat.push.signals=true",
					"heartbeat.push.method=post", "heartbeat.push.include-state=true", "heartbeat.interval=1s")
			.run((context) -> {
				assertThat(context).hasSingleBean(PushMonitor.class);
				// the beats say STARTING until the application is ready, and are not
				// pushed
				Heartbeat heartbeat = context.getBean(Heartbeat.class);
				heartbeat.updateStatus(HeartbeatStatus.UP);
				await().atMost(GENEROUS).until(() -> this.server.requests().size() >= 3);
				assertThat(this.server.paths()).startsWith("/c/start", "/c", "/c");
				assertThat(this.server.requests().get(1).body()).contains("\"status\": \"UP\"");
			});
		await().atMost(GENEROUS)
			.until(() -> Thread.getAllStackTraces()
				.keySet()
				.stream()
				.noneMatch((thread) -> thread.getName().equals(PushMonitor.THREAD_NAME) && thread.isAlive()));
	}

	@Test
	void aHeartbeatOfTheApplicationBuiltFromTheBuilderPushesItsBeats() {
		this.contextRunner.withPropertyValues("heartbeat.push.url=" + this.server.url("/own"), "heartbeat.interval=1s")
			.withUserConfiguration(OwnHeartbeatConfiguration.class)
			.run((context) -> {
				assertThat(context).hasBean("ownHeartbeat").hasSingleBean(PushMonitor.class);
				context.getBean(Heartbeat.class).updateStatus(HeartbeatStatus.UP);
				await().atMost(GENEROUS).until(() -> !this.server.requests().isEmpty());
				assertThat(this.server.paths()).contains("/own");
			});
	}

	@Test
	void withoutAHeartbeatThereIsNoMonitor() {
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(HeartbeatPushAutoConfiguration.class))
			.withPropertyValues("heartbeat.push.url=https://hc-ping.com/abc")
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(PushMonitor.class));
	}

	@Test
	void aUserMonitorMakesOursBackOff() {
		this.contextRunner.withPropertyValues("heartbeat.push.url=https://hc-ping.com/abc")
			.withUserConfiguration(UserMonitorConfiguration.class)
			.run((context) -> assertThat(context).getBean(PushMonitor.class)
				.isSameAs(context.getBean(UserMonitorConfiguration.class).monitor));
	}

	@Test
	void aUrlThatIsNotHttpFailsStartup() {
		this.contextRunner.withPropertyValues("heartbeat.push.url=ftp://example.com/c")
			.run(failsNaming("heartbeat.push.url", "http or https"));
		this.contextRunner.withPropertyValues("heartbeat.push.url=hc-ping.com/abc")
			.run(failsNaming("heartbeat.push.url", "http or https"));
	}

	@Test
	void aUrlWithoutAHostFailsStartup() {
		// Spring's URI conversion encodes the space, leaving a URL without a host
		this.contextRunner.withPropertyValues("heartbeat.push.url=https://hc ping.com/abc")
			.run(failsNaming("heartbeat.push.url", "with a host"));
	}

	@Test
	void everyBelowOneFailsStartup() {
		this.contextRunner.withPropertyValues("heartbeat.push.url=https://hc-ping.com/abc", "heartbeat.push.every=0")
			.run(failsNaming("heartbeat.push.every", "at least 1"));
	}

	@Test
	void aTimeoutThatIsNotPositiveFailsStartup() {
		this.contextRunner.withPropertyValues("heartbeat.push.url=https://hc-ping.com/abc", "heartbeat.push.timeout=0s")
			.run(failsNaming("heartbeat.push.timeout", "positive"));
	}

	@Test
	void theStateInAGetFailsStartup() {
		this.contextRunner
			.withPropertyValues("heartbeat.push.url=https://hc-ping.com/abc", "heartbeat.push.include-state=true")
			.run(failsNaming("heartbeat.push.include-state", "heartbeat.push.method=post"));
	}

	private static ContextConsumer<AssertableApplicationContext> failsNaming(String property, String reason) {
		return (context) -> {
			assertThat(context).hasFailed();
			assertThat(StartupFailureAnalysis.of(context.getStartupFailure()).getDescription()).contains(property)
				.contains(reason);
		};
	}

	@Configuration(proxyBeanMethods = false)
	static class UserMonitorConfiguration {

		final PushMonitor monitor = PushMonitor.builder(URI.create("https://example.com/mine")).build();

		@Bean
		PushMonitor myPushMonitor() {
			return this.monitor;
		}

	}

}
