package dev.heartbeat.autoconfigure.systemd;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.heartbeat.Heartbeat;
import dev.heartbeat.HeartbeatTarget;
import dev.heartbeat.autoconfigure.HeartbeatAutoConfiguration;
import dev.heartbeat.autoconfigure.StartupFailureAnalysis;
import dev.heartbeat.systemd.NotifySocket;
import dev.heartbeat.systemd.SystemdNotifier;
import dev.heartbeat.systemd.SystemdWatchdog;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(OutputCaptureExtension.class)
class HeartbeatSystemdAutoConfigurationTests {

	private static final String PID = Long.toString(ProcessHandle.current().pid());

	@TempDir
	Path directory;

	private NotifySocket socket;

	// the variables systemd would set are blanked, so that a build run under systemd
	// changes nothing;
	// the longest interval keeps scheduled beats out of the way of exact sequences
	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(
				AutoConfigurations.of(HeartbeatAutoConfiguration.class, HeartbeatSystemdAutoConfiguration.class))
		.withPropertyValues("heartbeat.deadlock.enabled=false", "NOTIFY_SOCKET=", "WATCHDOG_USEC=", "WATCHDOG_PID=",
				"heartbeat.state-file=", "heartbeat.interval=300s");

	@BeforeEach
	void bind() throws IOException {
		this.socket = NotifySocket.at(this.directory.resolve("notify"));
	}

	@AfterEach
	void close() throws IOException {
		this.socket.close();
	}

	private ApplicationContextRunner withNotifySocket() {
		return this.contextRunner.withPropertyValues("NOTIFY_SOCKET=" + this.socket.address());
	}

	@Test
	void whenNoNotifySocketThenNothingIsSent() throws IOException {
		this.contextRunner.run((context) -> {
			assertThat(context).hasSingleBean(Heartbeat.class)
				.doesNotHaveBean(SystemdNotifier.class)
				.doesNotHaveBean(SystemdWatchdog.class)
				.doesNotHaveBean(HeartbeatSystemdProperties.class);
			ready(context);
		});
		assertThat(this.socket.drain()).isEmpty();
	}

	@Test
	void notifySocketTurnsItOnAndTellsReadyEachBeatAndStopping() throws IOException {
		withNotifySocket().run((context) -> {
			assertThat(context).hasSingleBean(SystemdWatchdog.class);
			assertThat(context.getBean(SystemdNotifier.class).notifySocket()).isEqualTo(this.socket.address());
			assertThat(this.socket.drain()).as("nothing before the application is ready").isEmpty();
			ready(context);
			// listeners hear of beats on a worker thread: the beat written while starting
			// may come after READY=1
			assertThat(this.socket.receiveUntil((message) -> message.contains("UP")))
				.filteredOn((message) -> !message.contains("STARTING"))
				.containsExactly("READY=1", "WATCHDOG=1\nSTATUS=Heartbeat UP, beat 2, no targets");
		});
		assertThat(this.socket.drain()).containsExactly("STOPPING=1", "STATUS=Heartbeat STOPPING, beat 3, no targets",
				"STATUS=Heartbeat STOPPED, beat 4, no targets");
	}

	@Test
	void notifySocketPropertyPointsAtASocketInTheAbstractNamespace() throws IOException {
		try (NotifySocket abstractSocket = NotifySocket.inAbstractNamespace()) {
			this.contextRunner.withPropertyValues("heartbeat.systemd.notify-socket=" + abstractSocket.address())
				.run(HeartbeatSystemdAutoConfigurationTests::ready);
			assertThat(abstractSocket.drain()).startsWith("READY=1");
		}
		assertThat(this.socket.drain()).isEmpty();
	}

	@Test
	void notifySocketPropertyWinsOverTheEnvironment() throws IOException {
		try (NotifySocket other = NotifySocket.at(this.directory.resolve("other"))) {
			withNotifySocket().withPropertyValues("heartbeat.systemd.notify-socket=" + other.address())
				.run(HeartbeatSystemdAutoConfigurationTests::ready);
			assertThat(other.drain()).startsWith("READY=1");
		}
		assertThat(this.socket.drain()).isEmpty();
	}

	@Test
	void enabledTurnsItOnWithAConfiguredSocket() throws IOException {
		this.contextRunner
			.withPropertyValues("heartbeat.systemd.enabled=true",
					"heartbeat.systemd.notify-socket=" + this.socket.address())
			.run(HeartbeatSystemdAutoConfigurationTests::ready);
		assertThat(this.socket.drain()).startsWith("READY=1");
	}

	@Test
	void enabledWithoutASocketFailsStartupNamingTheProperty() {
		this.contextRunner.withPropertyValues("heartbeat.systemd.enabled=true").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.isInstanceOf(InvalidConfigurationPropertyValueException.class)
				.hasMessageContaining("heartbeat.systemd.notify-socket")
				.hasMessageContaining("NOTIFY_SOCKET");
		});
	}

	@Test
	void notifySocketThatIsNotAnAfUnixSocketFailsStartupWhenConfigured() {
		this.contextRunner.withPropertyValues("heartbeat.systemd.notify-socket=run/notify").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(StartupFailureAnalysis.of(context.getStartupFailure()).getDescription())
				.contains("Property: heartbeat.systemd.notifySocket")
				.contains("Value: \"run/notify\"")
				.contains("absolute path");
		});
	}

	@Test
	void enabledWithAnInheritedSocketThatIsNotAfUnixFailsStartupNamingIt() {
		this.contextRunner.withPropertyValues("heartbeat.systemd.enabled=true", "NOTIFY_SOCKET=vsock:2:1234")
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(context.getStartupFailure()).rootCause()
					.isInstanceOf(InvalidConfigurationPropertyValueException.class)
					.hasMessageContaining("vsock:2:1234")
					.hasMessageContaining("NOTIFY_SOCKET environment variable is not an AF_UNIX socket");
			});
	}

	@Test
	void inheritedVsockNotifySocketIsLeftAlone() {
		this.contextRunner.withPropertyValues("NOTIFY_SOCKET=vsock:2:1234")
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(SystemdWatchdog.class));
	}

	@Test
	void whenDisabledThenNothingIsSent() throws IOException {
		withNotifySocket().withPropertyValues("heartbeat.systemd.enabled=false").run((context) -> {
			assertThat(context).doesNotHaveBean(SystemdWatchdog.class);
			ready(context);
		});
		assertThat(this.socket.drain()).isEmpty();
	}

	@Test
	void whenTheHeartbeatIsDisabledThenNothingIsSent() throws IOException {
		withNotifySocket().withPropertyValues("heartbeat.enabled=false").run((context) -> {
			assertThat(context).doesNotHaveBean(SystemdWatchdog.class);
			ready(context);
		});
		assertThat(this.socket.drain()).isEmpty();
	}

	@Test
	void backsOffWithoutJunixsocket() throws IOException {
		withNotifySocket().withClassLoader(new FilteredClassLoader("org.newsclub.net.unix")).run((context) -> {
			assertThat(context).hasNotFailed().hasSingleBean(Heartbeat.class).doesNotHaveBean(SystemdWatchdog.class);
			assertThat(context.getBean(Heartbeat.class).isRunning()).isTrue();
			ready(context);
		});
		assertThat(this.socket.drain()).isEmpty();
	}

	@Test
	void watchdogOfAnotherProcessMeansNothingIsSent() throws IOException {
		String other = Long.toString(ProcessHandle.current().pid() + 1);
		withNotifySocket().withPropertyValues("WATCHDOG_PID=" + other).run((context) -> {
			assertThat(context).doesNotHaveBean(SystemdWatchdog.class);
			ready(context);
		});
		assertThat(this.socket.drain()).isEmpty();
	}

	@Test
	void watchdogOfThisProcessIsFed() throws IOException {
		withNotifySocket().withPropertyValues("WATCHDOG_PID=" + PID).run((context) -> {
			ready(context);
			// listeners hear of beats on a worker thread: the beat written while starting
			// may come after READY=1
			assertThat(this.socket.receiveUntil((message) -> message.contains("UP")))
				.filteredOn((message) -> !message.contains("STARTING"))
				.containsExactly("READY=1", "WATCHDOG=1\nSTATUS=Heartbeat UP, beat 2, no targets");
		});
	}

	@Test
	void intervalLongerThanHalfTheWatchdogTimeoutIsHalvedWithAWarning(CapturedOutput output) {
		withNotifySocket().withPropertyValues("heartbeat.interval=10s", "WATCHDOG_USEC=6000000")
			.run((context) -> assertThat(context.getBean(Heartbeat.class).interval()).isEqualTo(Duration.ofSeconds(3)));
		assertThat(output).contains("Heartbeat interval PT10S is more than half of systemd's watchdog timeout "
				+ "(PT6S from WATCHDOG_USEC); using PT3S");
	}

	@Test
	void intervalWithinHalfTheWatchdogTimeoutIsKept(CapturedOutput output) {
		withNotifySocket().withPropertyValues("heartbeat.interval=10s", "WATCHDOG_USEC=20000000")
			.run((context) -> assertThat(context.getBean(Heartbeat.class).interval())
				.isEqualTo(Duration.ofSeconds(10)));
		assertThat(output).doesNotContain("watchdog timeout");
	}

	@Test
	void withoutEscalationAnEscalatedTargetDoesNotTriggerTheWatchdog() throws IOException {
		withNotifySocket().withPropertyValues("heartbeat.systemd.escalate=false").run((context) -> {
			ready(context);
			context.getBean(SystemdWatchdog.class).onEscalated("feed", () -> true);
			assertThat(context.getBean(SystemdWatchdog.class).isFeeding()).isTrue();
		});
		assertThat(this.socket.drain())
			.contains("STATUS=Heartbeat escalated: target feed is still dead after its recovery attempts")
			.noneMatch((message) -> message.contains("WATCHDOG=trigger"));
	}

	@Test
	void userWatchdogReplacesOurs() {
		withNotifySocket().withUserConfiguration(UserWatchdogConfiguration.class)
			.run((context) -> assertThat(context).getBean(SystemdWatchdog.class)
				.isSameAs(context.getBean(UserWatchdogConfiguration.class).watchdog));
	}

	@Test
	void escalationTriggersTheWatchdogAndAClearedOneFeedsItAgain() throws IOException {
		FlakyTarget flaky = new FlakyTarget();
		withNotifySocket()
			.withPropertyValues("heartbeat.interval=1s", "heartbeat.recovery.max-attempts=1",
					"heartbeat.recovery.initial-backoff=1s")
			.withBean("flaky", HeartbeatTarget.class, () -> flaky)
			.run((context) -> {
				ready(context);
				String alive = "WATCHDOG=1\nSTATUS=Heartbeat UP, beat N, 1 target alive";
				List<String> startup = normalized(this.socket.receiveUntil((m) -> normalize(m).equals(alive)));
				// a beat scheduled while the application turned ready may still say
				// STARTING, and one written
				// before the target's first check has answered names no target
				assertThat(startup.get(0)).isEqualTo("READY=1");
				assertThat(startup.subList(1, startup.size() - 1))
					.allMatch((message) -> message.startsWith("WATCHDOG=1\nSTATUS=Heartbeat STARTING, ")
							|| message.endsWith("no targets"));
				flaky.dead.set(true);
				List<String> escalation = this.socket.receiveUntil((m) -> m.startsWith("WATCHDOG=trigger"));
				String stillDead = "STATUS=Heartbeat UP, beat N, dead: flaky";
				escalation.addAll(this.socket.receiveUntil((m) -> normalize(m).equals(stillDead)));
				flaky.dead.set(false);
				escalation.addAll(this.socket.receiveUntil((m) -> normalize(m).equals(alive)));
				// the check that finds the target alive again runs beside the beat:
				// whether that beat is still
				// reported as escalated ("STATUS=" alone) depends on which finishes first
				// and beats already under way when the target died still find it alive
				List<String> steps = new ArrayList<>(collapsed(escalation));
				while (!steps.isEmpty() && steps.get(0).equals(alive)) {
					steps.remove(0);
				}
				steps.removeIf((message) -> message.equals("STATUS=Heartbeat UP, beat N, 1 target alive"));
				String trigger = "WATCHDOG=trigger\nSTATUS=Heartbeat escalated: target flaky is still dead after its"
						+ " recovery attempts";
				assertThat(steps).contains(trigger);
				int triggered = steps.indexOf(trigger);
				// the check that escalates may answer before the beat that shows the
				// target dead is written:
				// beats that feed the watchdog with the target dead come before the
				// trigger, if at all
				assertThat(steps.subList(0, triggered))
					.allMatch((message) -> message.equals("WATCHDOG=1\nSTATUS=Heartbeat UP, beat N, dead: flaky"));
				List<String> after = new ArrayList<>(steps.subList(triggered, steps.size()));
				// the check that finds the target alive again clears the escalation
				// beside
				// a beat that read the targets before it: that beat feeds the watchdog
				// and
				// still shows the target dead
				int cleared = after.indexOf(stillDead) + 1;
				after.subList(cleared, after.size())
					.removeIf((message) -> message.equals("WATCHDOG=1\nSTATUS=Heartbeat UP, beat N, dead: flaky"));
				assertThat(after).containsExactly(trigger, stillDead, alive);
			});
		assertThat(collapsed(this.socket.drain())).endsWith("STOPPING=1",
				"STATUS=Heartbeat STOPPING, beat N, 1 target alive",
				"STATUS=Heartbeat STOPPED, beat N, 1 target alive");
	}

	private static void ready(AssertableApplicationContext context) {
		context.publishEvent(new ApplicationReadyEvent(new SpringApplication(), new String[0],
				context.getSourceApplicationContext(), Duration.ZERO));
	}

	private static String normalize(String message) {
		return message.replaceAll("beat \\d+", "beat N");
	}

	private static List<String> normalized(List<String> messages) {
		return messages.stream().map(HeartbeatSystemdAutoConfigurationTests::normalize).toList();
	}

	// how many beats fall between two steps depends on the machine's speed, not their
	// order
	private static List<String> collapsed(List<String> messages) {
		List<String> collapsed = new ArrayList<>();
		for (String message : normalized(messages)) {
			if (collapsed.isEmpty() || !collapsed.get(collapsed.size() - 1).equals(message)) {
				collapsed.add(message);
			}
		}
		return collapsed;
	}

	static final class FlakyTarget implements HeartbeatTarget {

		final AtomicBoolean dead = new AtomicBoolean();

		@Override
		public boolean isDead() {
			return this.dead.get();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class UserWatchdogConfiguration {

		final SystemdWatchdog watchdog = new SystemdWatchdog(new SystemdNotifier("/run/user/notify"));

		@Bean
		SystemdWatchdog userWatchdog() {
			return this.watchdog;
		}

	}

}
