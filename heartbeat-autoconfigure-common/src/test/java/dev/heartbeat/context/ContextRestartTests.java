package dev.heartbeat.context;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.heartbeat.Heartbeat;
import dev.heartbeat.HeartbeatState;
import dev.heartbeat.HeartbeatStatus;
import dev.heartbeat.HeartbeatTarget;
import dev.heartbeat.RecordingListener;
import dev.heartbeat.autoconfigure.HeartbeatAutoConfiguration;
import dev.heartbeat.autoconfigure.push.HeartbeatPushAutoConfiguration;
import dev.heartbeat.autoconfigure.systemd.HeartbeatSystemdAutoConfiguration;
import dev.heartbeat.push.PushServer;
import dev.heartbeat.systemd.NotifySocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A Boot application whose context is stopped and started again, as
 * {@code ConfigurableApplicationContext.stop()} and {@code start()} do and as Spring does
 * around a CRaC checkpoint and restore, beats, checks, recovers, pushes and notifies
 * systemd again as it first did.
 */
class ContextRestartTests {

	private static final Duration GENEROUS = Duration.ofSeconds(30);

	private static final Pattern SEQ = Pattern.compile("\"seq\": (\\d+)");

	@TempDir
	Path directory;

	private ConfigurableApplicationContext context;

	@AfterEach
	void close() {
		if (this.context != null) {
			this.context.close();
		}
	}

	@Test
	void theStateFileSaysUpAgainOnceTheContextStartsAgain() {
		Path file = this.directory.resolve("app.heartbeat");
		RecordingListener listener = new RecordingListener();
		// the longest interval: no scheduled beat gets in the way of the exact sequence
		this.context = run(listener, "--heartbeat.state-file=" + file, "--heartbeat.interval=300s");
		assertThat(HeartbeatState.read(file).orElseThrow().status()).isEqualTo(HeartbeatStatus.UP);
		this.context.stop();
		assertThat(HeartbeatState.read(file).orElseThrow().status()).isEqualTo(HeartbeatStatus.STOPPED);
		this.context.start();
		HeartbeatState restarted = HeartbeatState.read(file).orElseThrow();
		assertThat(restarted.status()).isEqualTo(HeartbeatStatus.UP);
		await().atMost(GENEROUS).until(() -> listener.beats.contains(restarted));
		assertThat(listener.beats).map(HeartbeatState::status)
			.containsExactly(HeartbeatStatus.STARTING, HeartbeatStatus.UP, HeartbeatStatus.STOPPING,
					HeartbeatStatus.STOPPED, HeartbeatStatus.STARTING, HeartbeatStatus.UP);
		this.context.close();
		assertThat(HeartbeatState.read(file).orElseThrow().status()).isEqualTo(HeartbeatStatus.STOPPED);
	}

	@Test
	void aTargetDeadBeforeTheStopIsCheckedAndRecoveredAgainAfterTheStart() {
		DeadTarget feed = new DeadTarget();
		RecordingListener listener = new RecordingListener();
		this.context = new SpringApplicationBuilder(Application.class).web(WebApplicationType.NONE)
			.initializers((ctx) -> {
				ctx.getBeanFactory().registerSingleton("feed", feed);
				ctx.getBeanFactory().registerSingleton("recordingListener", listener);
			})
			.run("--heartbeat.state-file=", "--heartbeat.interval=1s", "--heartbeat.recovery.initial-backoff=1s",
					"--heartbeat.recovery.multiplier=1", "--heartbeat.recovery.max-attempts=1000");
		await().atMost(GENEROUS).until(() -> feed.recoveries.get() >= 1);
		this.context.stop();
		int checksBefore = feed.checks.get();
		int recoveriesBefore = feed.recoveries.get();
		this.context.start();
		await().atMost(GENEROUS).until(() -> feed.checks.get() > checksBefore);
		await().atMost(GENEROUS).until(() -> feed.recoveries.get() > recoveriesBefore);
		feed.dead.set(false);
		await().atMost(GENEROUS).until(() -> listener.recovered.contains("feed"));
	}

	@Test
	void pushPingsResumeOnceTheContextStartsAgain() throws IOException {
		try (PushServer server = new PushServer()) {
			this.context = run(new RecordingListener(), "--heartbeat.state-file=", "--heartbeat.interval=1s",
					"--heartbeat.push.url=" + server.url("/ping"), "--heartbeat.push.method=post",
					"--heartbeat.push.include-state=true");
			await().atMost(GENEROUS).until(() -> !seqs(server).isEmpty());
			this.context.stop();
			long stoppedAt = this.context.getBean(Heartbeat.class).lastState().orElseThrow().seq();
			this.context.start();
			await().atMost(GENEROUS).until(() -> seqs(server).stream().filter((seq) -> seq > stoppedAt).count() >= 2);
		}
	}

	@Test
	void systemdHearsReloadingOnTheStopAndReadyAndWatchdogPingsAgainAfterTheStart() throws IOException {
		try (NotifySocket socket = NotifySocket.at(this.directory.resolve("notify"))) {
			this.context = run(new RecordingListener(), "--heartbeat.state-file=", "--heartbeat.interval=1s",
					"--NOTIFY_SOCKET=" + socket.address(), "--WATCHDOG_USEC=", "--WATCHDOG_PID=");
			assertThat(socket.receiveUntil((message) -> message.startsWith("WATCHDOG=1\nSTATUS=Heartbeat UP")))
				.contains("READY=1");
			this.context.stop();
			List<String> stopping = socket.receiveUntil((message) -> message.contains("Heartbeat STOPPED"));
			// never STOPPING=1: systemd would kill a process that does not exit
			assertThat(stopping).noneMatch((message) -> message.startsWith("STOPPING=1"));
			List<String> reloading = stopping.subList(indexOf(stopping, "RELOADING=1\nMONOTONIC_USEC="),
					stopping.size());
			this.context.start();
			List<String> restarted = socket
				.receiveUntil((message) -> message.startsWith("WATCHDOG=1\nSTATUS=Heartbeat UP"));
			// the watchdog is not fed from the reload until the application is ready
			// again
			assertThat(reloading).noneMatch((message) -> message.startsWith("WATCHDOG=1"));
			assertThat(restarted.subList(0, indexOf(restarted, "READY=1")))
				.noneMatch((message) -> message.startsWith("WATCHDOG=1"));
			// and it goes on being fed
			socket.receiveUntil((message) -> message.startsWith("WATCHDOG=1\nSTATUS=Heartbeat UP"));
			this.context.close();
			assertThat(socket.drain()).contains("STOPPING=1");
		}
	}

	private static ConfigurableApplicationContext run(RecordingListener listener, String... args) {
		return new SpringApplicationBuilder(Application.class).web(WebApplicationType.NONE)
			.initializers((ctx) -> ctx.getBeanFactory().registerSingleton("recordingListener", listener))
			.run(args);
	}

	private static int indexOf(List<String> messages, String prefix) {
		for (int i = 0; i < messages.size(); i++) {
			if (messages.get(i).startsWith(prefix)) {
				return i;
			}
		}
		throw new AssertionError("No message starts with " + prefix + " in " + messages);
	}

	private static List<Long> seqs(PushServer server) {
		return server.requests().stream().map((request) -> {
			Matcher matcher = SEQ.matcher(request.body());
			return matcher.find() ? Long.parseLong(matcher.group(1)) : -1L;
		}).toList();
	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration({ HeartbeatAutoConfiguration.class, HeartbeatPushAutoConfiguration.class,
			HeartbeatSystemdAutoConfiguration.class })
	static class Application {

	}

	static final class DeadTarget implements HeartbeatTarget {

		final AtomicBoolean dead = new AtomicBoolean(true);

		final AtomicInteger checks = new AtomicInteger();

		final AtomicInteger recoveries = new AtomicInteger();

		@Override
		public boolean isDead() {
			this.checks.incrementAndGet();
			return this.dead.get();
		}

		@Override
		public void recover() {
			this.recoveries.incrementAndGet();
		}

	}

}
