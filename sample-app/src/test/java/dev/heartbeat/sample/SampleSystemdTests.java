package dev.heartbeat.sample;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

import dev.heartbeat.HeartbeatState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.newsclub.net.unix.AFUNIXDatagramChannel;
import org.newsclub.net.unix.AFUNIXSocketAddress;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs the sample application as systemd would run it, with a notify socket and a
 * watchdog that this test binds and reads, and checks what it is told from start to stop:
 * the application is started as its {@code main} method starts it, so that closing it is
 * part of the test.
 */
class SampleSystemdTests {

	private static final Duration GENEROUS = Duration.ofSeconds(30);

	@TempDir
	Path directory;

	private AFUNIXDatagramChannel notifySocket;

	@BeforeEach
	void bindNotifySocket() throws IOException {
		this.notifySocket = AFUNIXDatagramChannel.open();
		this.notifySocket.bind(AFUNIXSocketAddress.of(notifySocketPath()));
		this.notifySocket.socket().setSoTimeout((int) GENEROUS.toMillis());
	}

	@AfterEach
	void closeNotifySocket() throws IOException {
		this.notifySocket.close();
	}

	@Test
	void systemdIsToldReadyBeatsEscalationAndStopping() throws Exception {
		List<String> received = new ArrayList<>();
		// command-line arguments, as systemd's ExecStart= would pass them, win over
		// application.yml
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(SampleApplication.class).run(
				"--server.port=0", "--heartbeat.state-file=" + stateFile(),
				"--heartbeat.systemd.notify-socket=" + notifySocketPath(),
				// what systemd sets with WatchdogSec=2: the sample's 2s interval is
				// halved to 1s
				"--WATCHDOG_USEC=2000000", "--WATCHDOG_PID=" + ProcessHandle.current().pid(),
				"--heartbeat.recovery.max-attempts=1", "--heartbeat.recovery.initial-backoff=1s",
				"--sample.upstream.attempts-to-reconnect=1000")) {
			received.addAll(receiveUntil((message) -> message.startsWith("WATCHDOG=1\nSTATUS=Heartbeat UP")));
			assertThat(HeartbeatState.read(stateFile()).orElseThrow().interval()).isEqualTo(Duration.ofSeconds(1));
			post(context, "/upstream/drop");
			received.addAll(receiveUntil((message) -> message.startsWith("WATCHDOG=trigger")));
			// escalated: beats go on, with no WATCHDOG=1
			received.addAll(receiveUntil((message) -> message.startsWith("STATUS=Heartbeat UP")));
		}
		received.addAll(receiveUntil((message) -> message.startsWith("STATUS=Heartbeat STOPPED")));
		List<String> steps = new ArrayList<>();
		for (String message : received) {
			// the upstream, the deadlock target and the worker's progress: a beat may
			// come
			// before a first check has answered
			String step = message.replaceAll("beat \\d+", "beat N")
				.replaceAll("\\d+ targets? alive", "M targets alive");
			// how many beats fall between two steps depends on the machine, and a beat
			// scheduled
			// while the application turned ready may still say STARTING
			if (!step.contains("STARTING") && (steps.isEmpty() || !steps.get(steps.size() - 1).equals(step))) {
				steps.add(step);
			}
		}
		assertThat(steps).containsExactly("READY=1", "WATCHDOG=1\nSTATUS=Heartbeat UP, beat N, M targets alive",
				"WATCHDOG=1\nSTATUS=Heartbeat UP, beat N, dead: upstream",
				"WATCHDOG=trigger\nSTATUS=Heartbeat escalated: target upstream is still dead after its recovery attempts",
				"STATUS=Heartbeat UP, beat N, dead: upstream", "STOPPING=1",
				"STATUS=Heartbeat STOPPING, beat N, dead: upstream",
				"STATUS=Heartbeat STOPPED, beat N, dead: upstream");
	}

	private Path stateFile() {
		return this.directory.resolve("sample.heartbeat");
	}

	private Path notifySocketPath() {
		return this.directory.resolve("notify");
	}

	private List<String> receiveUntil(Predicate<String> last) throws IOException {
		List<String> received = new ArrayList<>();
		String message;
		do {
			ByteBuffer buffer = ByteBuffer.allocate(4096);
			this.notifySocket.receive(buffer);
			buffer.flip();
			message = StandardCharsets.UTF_8.decode(buffer).toString();
			received.add(message);
		}
		while (!last.test(message));
		return received;
	}

	private static void post(ConfigurableApplicationContext context, String path) throws Exception {
		// the property, not WebServerApplicationContext: Boot 4 moved that type, and this
		// test runs on both lines
		int port = context.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
		HttpResponse<String> response = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
				.POST(HttpRequest.BodyPublishers.noBody())
				.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(200);
	}

}
