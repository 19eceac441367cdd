package dev.heartbeat.sample;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.heartbeat.Heartbeat;
import dev.heartbeat.HeartbeatTarget;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Starts the sample application with a push monitor pointing at an HTTP server started by
 * the test, as healthchecks.io would see it: {@code /start} when the application is
 * ready, a ping on every beat, {@code /fail} when a critical target escalates, pings
 * again once it is back.
 */
@SpringBootTest(properties = { "heartbeat.interval=1s", "heartbeat.state-file=", "heartbeat.push.signals=true",
		"heartbeat.push.method=post", "heartbeat.push.include-state=true", "heartbeat.recovery.max-attempts=1",
		"heartbeat.recovery.initial-backoff=1s" })
@DirtiesContext
class SamplePushMonitorTests {

	private static final Duration GENEROUS = Duration.ofSeconds(30);

	private static final String CHECK = "/ping/sample-check";

	private static final List<Request> requests = new CopyOnWriteArrayList<>();

	private static final HttpServer server = startServer();

	@Autowired
	SwitchableFeed feed;

	@Autowired
	Heartbeat heartbeat;

	@DynamicPropertySource
	static void pushUrl(DynamicPropertyRegistry registry) {
		registry.add("heartbeat.push.url", () -> "http://127.0.0.1:" + server.getAddress().getPort() + CHECK);
	}

	@AfterAll
	static void stopServer() {
		server.stop(0);
	}

	@Test
	void startThenPingsThenFailOnEscalationThenPingsOnceItClears() {
		await().atMost(GENEROUS).until(() -> paths().stream().filter(CHECK::equals).count() >= 2);
		assertThat(requests.get(0).path()).isEqualTo(CHECK + "/start");
		assertThat(requests.get(0).body()).contains("\"status\": \"UP\"");
		assertThat(requests).extracting(Request::method).containsOnly("POST");

		this.feed.kill();
		await().atMost(GENEROUS).until(() -> paths().contains(CHECK + "/fail"));
		int fail = paths().indexOf(CHECK + "/fail");
		assertThat(requests.get(fail).body()).contains("\"feed\": \"DEAD\"");
		assertThat(this.heartbeat.isEscalated()).isTrue();

		this.feed.revive();
		await().atMost(GENEROUS)
			.until(() -> requests.subList(fail + 1, requests.size())
				.stream()
				.anyMatch((request) -> request.body().contains("\"feed\": \"ALIVE\"")));
		// no ping while escalated, and pings again once it clears (the check that finds
		// the feed alive runs
		// beside the beats, so the first ping may still carry a beat written just before
		// it answered)
		assertThat(this.heartbeat.isEscalated()).isFalse();
		assertThat(requests.subList(fail + 1, requests.size())).extracting(Request::path).containsOnly(CHECK);
		assertThat(paths()).containsOnlyOnce(CHECK + "/start", CHECK + "/fail");
	}

	private static List<String> paths() {
		return requests.stream().map(Request::path).toList();
	}

	private static HttpServer startServer() {
		try {
			HttpServer started = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
			started.createContext("/", SamplePushMonitorTests::record);
			started.start();
			return started;
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static void record(HttpExchange exchange) throws IOException {
		try (exchange; InputStream body = exchange.getRequestBody()) {
			requests.add(new Request(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
					new String(body.readAllBytes(), StandardCharsets.UTF_8)));
			exchange.sendResponseHeaders(200, -1);
		}
	}

	record Request(String method, String path, String body) {
	}

	/**
	 * A critical target the test kills and revives.
	 */
	static class SwitchableFeed implements HeartbeatTarget {

		private final AtomicBoolean dead = new AtomicBoolean();

		@Override
		public boolean isDead() {
			return this.dead.get();
		}

		void kill() {
			this.dead.set(true);
		}

		void revive() {
			this.dead.set(false);
		}

	}

	@TestConfiguration(proxyBeanMethods = false)
	static class FeedConfiguration {

		@Bean
		SwitchableFeed feed() {
			return new SwitchableFeed();
		}

	}

}
