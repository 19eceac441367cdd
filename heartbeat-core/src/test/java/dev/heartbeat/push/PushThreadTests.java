package dev.heartbeat.push;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import ch.qos.logback.classic.Level;
import dev.heartbeat.HeartbeatState;
import dev.heartbeat.HeartbeatStatus;
import dev.heartbeat.LogRecorder;
import dev.heartbeat.push.PushServer.Request;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The push thread never dies silently: only {@code close()} ends it.
 */
class PushThreadTests {

	private static final Duration GENEROUS = Duration.ofSeconds(30);

	private static final Pattern SEQ = Pattern.compile("\"seq\": (\\d+)");

	private final PushServer server;

	private final Set<Thread> othersThreads = pushThreads();

	private final PushMonitor monitor;

	PushThreadTests() throws IOException {
		this.server = new PushServer();
		this.monitor = PushMonitor.builder(this.server.url("/c")).method(PushMethod.POST).includeState(true).build();
	}

	@AfterEach
	void close() {
		this.monitor.close();
		this.server.close();
	}

	@Test
	void anInterruptThatIsNotACloseIsLoggedAndThePushesGoOn() {
		try (LogRecorder log = new LogRecorder()) {
			this.monitor.onBeat(beat(1, "up"));
			awaitSeq(1);
			Thread thread = ownThread();
			thread.interrupt();
			this.monitor.onBeat(beat(2, "up"));
			awaitSeq(2);
			assertThat(ownThread()).isSameAs(thread);
			await().atMost(GENEROUS).until(() -> log.count(Level.WARN, "was interrupted") == 1);
		}
	}

	@Test
	void aPushCutShortByAnInterruptThatIsNotACloseIsSentAgain() {
		try (LogRecorder log = new LogRecorder()) {
			this.server.hang();
			this.monitor.onBeat(beat(1, "up"));
			awaitSeq(1);
			// the thread waits for the answer to the ping that the server holds
			ownThread().interrupt();
			this.server.release();
			await().atMost(GENEROUS).until(() -> seqs(this.server.requests()).equals(List.of(1L, 1L)));
			this.monitor.onBeat(beat(2, "up"));
			awaitSeq(2);
			assertThat(log.count(Level.WARN, "which is sent again")).isOne();
		}
	}

	@Test
	void aThreadKilledByAnErrorIsLoggedAndReplacedByTheNextPush() {
		try (LogRecorder log = new LogRecorder()) {
			// out of memory while the body is written: no guard of the thread may catch
			// it
			this.monitor.onBeat(beat(1, new Object() {

				@Override
				public String toString() {
					throw new InternalError("while writing the body");
				}

			}));
			// the error reaches the thread's uncaught exception handler, as it should
			await().dontCatchUncaughtExceptions().atMost(GENEROUS).until(() -> log.count(Level.ERROR, "died") == 1);
			this.monitor.onBeat(beat(2, "up"));
			awaitSeq(2);
			assertThat(log.count(Level.WARN, "had died; starting a new one")).isOne();
		}
	}

	private Thread ownThread() {
		return pushThreads().stream()
			.filter((thread) -> !this.othersThreads.contains(thread))
			.collect(Collectors.collectingAndThen(Collectors.toList(), (threads) -> {
				assertThat(threads).hasSize(1);
				return threads.get(0);
			}));
	}

	private void awaitSeq(long seq) {
		await().atMost(GENEROUS).until(() -> seqs(this.server.requests()).contains(seq));
	}

	private static List<Long> seqs(List<Request> requests) {
		return requests.stream().map((request) -> {
			Matcher matcher = SEQ.matcher(request.body());
			return matcher.find() ? Long.parseLong(matcher.group(1)) : -1;
		}).toList();
	}

	private static Set<Thread> pushThreads() {
		return Thread.getAllStackTraces()
			.keySet()
			.stream()
			.filter((thread) -> thread.getName().equals(PushMonitor.THREAD_NAME) && thread.isAlive())
			.collect(Collectors.toSet());
	}

	private static HeartbeatState beat(long seq, Object value) {
		return new HeartbeatState(Instant.parse("2026-01-12T10:00:00Z").plusSeconds(seq), 4242, "orders-1",
				Map.of("value", value), HeartbeatStatus.UP, seq, Duration.ofSeconds(1), Map.of());
	}

}
