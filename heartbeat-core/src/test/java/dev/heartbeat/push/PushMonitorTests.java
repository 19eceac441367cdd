package dev.heartbeat.push;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.heartbeat.Heartbeat;
import dev.heartbeat.HeartbeatState;
import dev.heartbeat.HeartbeatStatus;
import dev.heartbeat.HeartbeatTarget;
import dev.heartbeat.LogRecorder;
import dev.heartbeat.PreviousRun;
import dev.heartbeat.TargetStatus;
import dev.heartbeat.push.PushServer.Request;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.awaitility.Awaitility.await;

class PushMonitorTests {

	private static final Duration GENEROUS = Duration.ofSeconds(30);

	private static final Pattern SEQ = Pattern.compile("\"seq\": (\\d+)");

	private static final HeartbeatTarget FEED = () -> true;

	private final PushServer server;

	private final List<AutoCloseable> closeables = new ArrayList<>();

	PushMonitorTests() throws IOException {
		this.server = new PushServer();
	}

	@AfterEach
	void close() throws Exception {
		// first: a request the server holds must not hold up the closing of a monitor
		// that waits for it
		this.server.close();
		for (AutoCloseable closeable : this.closeables) {
			closeable.close();
		}
	}

	@Test
	void pingsEachUpBeatWithAGetByDefault() {
		PushMonitor monitor = monitor(PushMonitor.builder(this.server.url("/ping/abc")));
		monitor.onBeat(state(1, HeartbeatStatus.UP));
		monitor.onBeat(state(2, HeartbeatStatus.UP));
		monitor.onBeat(state(3, HeartbeatStatus.UP));
		List<Request> requests = awaitRequests(3);
		assertThat(requests).extracting(Request::method).containsOnly("GET");
		assertThat(requests).extracting(Request::path).containsOnly("/ping/abc");
		assertThat(requests).extracting(Request::body).containsOnly("");
	}

	@Test
	void beatsOutsideUpAreNotPinged() {
		PushMonitor monitor = monitor(withState());
		monitor.onBeat(state(1, HeartbeatStatus.STARTING));
		monitor.onBeat(state(2, HeartbeatStatus.UP));
		monitor.onBeat(state(3, HeartbeatStatus.STOPPING));
		monitor.onBeat(state(4, HeartbeatStatus.STOPPED));
		// a ping after the others: once it arrives, any earlier one would have
		monitor.onBeat(state(5, HeartbeatStatus.UP));
		assertThat(seqs(awaitSeq(5))).containsExactly(2L, 5L);
	}

	@Test
	void everyThirdUpBeatIsPingedStartingWithTheFirst() {
		PushMonitor monitor = monitor(withState().every(3));
		for (int seq = 1; seq <= 7; seq++) {
			monitor.onBeat(state(seq, HeartbeatStatus.UP));
		}
		assertThat(seqs(awaitSeq(7))).containsExactly(1L, 4L, 7L);
	}

	@Test
	void postWithStateSendsTheStateFileText() {
		PushMonitor monitor = monitor(withState());
		HeartbeatState state = state(1, HeartbeatStatus.UP);
		monitor.onBeat(state);
		Request request = awaitRequests(1).get(0);
		assertThat(request.method()).isEqualTo("POST");
		assertThat(request.body()).isEqualTo(state.toJson()).startsWith("{\n  \"timestamp\": ");
	}

	@Test
	void postWithoutStateSendsAnEmptyBody() {
		PushMonitor monitor = monitor(PushMonitor.builder(this.server.url("/c")).method(PushMethod.POST));
		monitor.onBeat(state(1, HeartbeatStatus.UP));
		assertThat(awaitRequests(1)).singleElement()
			.satisfies((request) -> assertThat(request.method()).isEqualTo("POST"))
			.satisfies((request) -> assertThat(request.body()).isEmpty());
	}

	@Test
	void aStartAfterACrashSendsFailWithItsFirstBeatWhenAskedTo() {
		PushMonitor monitor = monitor(withState().signals(true).failAfterCrash(true));
		monitor.onPreviousRun(previousRun(false));
		monitor.onBeat(state(1, HeartbeatStatus.STARTING));
		monitor.onBeat(state(2, HeartbeatStatus.UP));
		List<Request> requests = awaitRequests(3);
		assertThat(requests).extracting(Request::path).containsExactly("/c/fail", "/c/start", "/c");
		assertThat(seqs(requests)).containsExactly(1L, 2L, 2L);
	}

	@Test
	void aStartAfterACleanStopOrWithoutFailAfterCrashSendsNoFail() {
		PushMonitor clean = monitor(withState().failAfterCrash(true));
		clean.onPreviousRun(previousRun(true));
		clean.onBeat(state(1, HeartbeatStatus.UP));
		PushMonitor off = monitor(
				PushMonitor.builder(this.server.url("/d")).method(PushMethod.POST).includeState(true));
		off.onPreviousRun(previousRun(false));
		off.onBeat(state(2, HeartbeatStatus.UP));
		assertThat(awaitRequests(2)).extracting(Request::path).containsExactlyInAnyOrder("/c", "/d");
	}

	@Test
	void signalsSendStartBeforeTheFirstPingAndFailOnceOnEscalation() {
		PushMonitor monitor = monitor(withState().signals(true));
		monitor.onBeat(state(1, HeartbeatStatus.STARTING));
		monitor.onBeat(state(2, HeartbeatStatus.UP));
		monitor.onBeat(state(3, HeartbeatStatus.UP, TargetStatus.DEAD));
		monitor.onEscalated("feed", FEED);
		monitor.onEscalated("other", FEED);
		monitor.onBeat(state(4, HeartbeatStatus.UP, TargetStatus.DEAD));
		monitor.onBeat(state(5, HeartbeatStatus.UP));
		monitor.onEscalationCleared();
		monitor.onBeat(state(6, HeartbeatStatus.UP));
		List<Request> requests = awaitSeq(6);
		assertThat(requests).extracting(Request::path).containsExactly("/c/start", "/c", "/c", "/c/fail", "/c", "/c");
		// /fail carries the last beat, which shows the target dead; the ping on clearing,
		// the beat that found it alive
		assertThat(seqs(requests)).containsExactly(2L, 2L, 3L, 3L, 5L, 6L);
	}

	@Test
	void failWaitsForABeatThatShowsTheEscalatedTargetDead() {
		PushMonitor monitor = monitor(withState().signals(true));
		monitor.onBeat(state(1, HeartbeatStatus.UP));
		// the check that escalates answers before the beat that writes the target dead
		monitor.onEscalated("feed", FEED);
		monitor.onBeat(state(2, HeartbeatStatus.UP, TargetStatus.DEAD));
		monitor.onBeat(state(3, HeartbeatStatus.UP, TargetStatus.DEAD));
		monitor.onEscalationCleared();
		monitor.onBeat(state(4, HeartbeatStatus.UP));
		List<Request> requests = awaitSeq(4);
		assertThat(requests).extracting(Request::path).containsExactly("/c/start", "/c", "/c/fail", "/c", "/c");
		assertThat(seqs(requests)).containsExactly(1L, 1L, 2L, 3L, 4L);
		assertThat(requests.get(2).body()).contains("\"feed\": \"DEAD\"");
	}

	@Test
	void anEscalationClearedBeforeAnyBeatShowedItStillSendsFailOnce() {
		PushMonitor monitor = monitor(withState().signals(true));
		monitor.onBeat(state(1, HeartbeatStatus.UP));
		monitor.onEscalated("feed", FEED);
		monitor.onEscalationCleared();
		monitor.onBeat(state(2, HeartbeatStatus.UP));
		List<Request> requests = awaitSeq(2);
		assertThat(requests).extracting(Request::path).containsExactly("/c/start", "/c", "/c/fail", "/c", "/c");
		assertThat(seqs(requests)).containsExactly(1L, 1L, 1L, 1L, 2L);
	}

	@Test
	void withoutSignalsEscalationStopsThePingsUntilItClears() {
		PushMonitor monitor = monitor(withState());
		monitor.onBeat(state(1, HeartbeatStatus.UP));
		monitor.onEscalated("feed", FEED);
		monitor.onBeat(state(2, HeartbeatStatus.UP));
		monitor.onEscalationCleared();
		monitor.onBeat(state(3, HeartbeatStatus.UP));
		List<Request> requests = awaitSeq(3);
		assertThat(requests).extracting(Request::path).containsOnly("/c");
		assertThat(seqs(requests)).containsExactly(1L, 2L, 3L);
	}

	@Test
	void theCadenceRestartsWithThePingThatClearsAnEscalation() {
		PushMonitor monitor = monitor(withState().every(3));
		monitor.onBeat(state(1, HeartbeatStatus.UP));
		monitor.onBeat(state(2, HeartbeatStatus.UP));
		monitor.onEscalated("feed", FEED);
		monitor.onBeat(state(3, HeartbeatStatus.UP));
		monitor.onEscalationCleared();
		for (int seq = 4; seq <= 6; seq++) {
			monitor.onBeat(state(seq, HeartbeatStatus.UP));
		}
		assertThat(seqs(awaitSeq(6))).containsExactly(1L, 3L, 6L);
	}

	@Test
	void signalUrlsKeepTheQuery() {
		assertThat(PushRequests.withPathSuffix(URI.create("https://hc-ping.com/abc?rid=7"), "/start"))
			.hasToString("https://hc-ping.com/abc/start?rid=7");
		assertThat(PushRequests.withPathSuffix(URI.create("https://hc-ping.com/abc/"), "/fail"))
			.hasToString("https://hc-ping.com/abc/fail");
		assertThat(PushRequests.withPathSuffix(URI.create("http://user:pw@localhost:8080"), "/start"))
			.hasToString("http://user:pw@localhost:8080/start");
	}

	@Test
	void anAnswerOf500IsRetriedOnce() {
		this.server.answer(500);
		PushMonitor monitor = monitor(withState());
		monitor.onBeat(state(1, HeartbeatStatus.UP));
		monitor.onBeat(state(2, HeartbeatStatus.UP));
		assertThat(seqs(awaitSeq(2))).containsExactly(1L, 1L, 2L);
	}

	@Test
	void aRequestIsRetriedAtMostOnce() {
		this.server.answer(500, 503);
		PushMonitor monitor = monitor(withState());
		monitor.onBeat(state(1, HeartbeatStatus.UP));
		monitor.onBeat(state(2, HeartbeatStatus.UP));
		assertThat(seqs(awaitSeq(2))).containsExactly(1L, 1L, 2L);
	}

	@Test
	void aClientErrorIsNotRetried() {
		this.server.answer(404);
		PushMonitor monitor = monitor(withState());
		monitor.onBeat(state(1, HeartbeatStatus.UP));
		monitor.onBeat(state(2, HeartbeatStatus.UP));
		assertThat(seqs(awaitSeq(2))).containsExactly(1L, 2L);
	}

	@Test
	void aHangingMonitorTimesOutAndIsRetriedOnce() {
		this.server.hang();
		Duration timeout = Duration.ofMillis(500);
		PushMonitor monitor = monitor(withState().timeout(timeout));
		monitor.onBeat(state(1, HeartbeatStatus.UP));
		monitor.onBeat(state(2, HeartbeatStatus.UP));
		// the server answers nothing: each request arrives only once the one before it
		// timed out
		List<Request> requests = awaitRequests(3);
		assertThat(seqs(requests)).containsExactly(1L, 1L, 2L);
		Duration firstToRetry = Duration.ofNanos(requests.get(1).receivedNanos() - requests.get(0).receivedNanos());
		Duration retryToNext = Duration.ofNanos(requests.get(2).receivedNanos() - requests.get(1).receivedNanos());
		// less than the timeout: a request may reach the server late, never leave the
		// client early
		assertThat(firstToRetry).isGreaterThanOrEqualTo(timeout.dividedBy(2));
		assertThat(retryToNext).isGreaterThanOrEqualTo(timeout.dividedBy(2));
	}

	@Test
	void theQueueStaysBoundedWhileTheMonitorHangs() {
		this.server.hang();
		PushMonitor monitor = monitor(withState().timeout(Duration.ofSeconds(20)));
		for (int seq = 1; seq <= 100; seq++) {
			monitor.onBeat(state(seq, HeartbeatStatus.UP));
			assertThat(monitor.pending()).isLessThanOrEqualTo(PushMonitor.QUEUE_CAPACITY);
		}
		this.server.release();
		List<Long> sent = seqs(awaitSeq(100));
		// the newest pings were kept; every ping was either sent once or dropped
		assertThat(sent).isSorted().hasSizeLessThanOrEqualTo(PushMonitor.QUEUE_CAPACITY + 1).endsWith(100L);
		assertThat(sent.size() + monitor.dropped()).isEqualTo(100);
	}

	@Test
	void aFullQueueDropsPingsBeforeSignals() {
		this.server.hang();
		PushMonitor monitor = monitor(withState().signals(true).timeout(Duration.ofSeconds(20)));
		monitor.onBeat(state(1, HeartbeatStatus.UP));
		await().atMost(GENEROUS).until(() -> this.server.requests().size() == 1);
		monitor.onEscalated("feed", FEED);
		monitor.onEscalationCleared();
		for (int seq = 2; seq <= 30; seq++) {
			monitor.onBeat(state(seq, HeartbeatStatus.UP));
		}
		this.server.release();
		List<Request> requests = awaitSeq(30);
		assertThat(requests.get(0).path()).isEqualTo("/c/start");
		assertThat(requests).extracting(Request::path).contains("/c/fail");
	}

	@Test
	void beatsGoOnWhileTheMonitorHangsEvenWhenItIsToldOnTheBeatThread() {
		this.server.hang();
		// longer than the test waits: a monitor that waited for its answer would hold
		// the beat until the test gave up
		PushMonitor monitor = monitor(PushMonitor.builder(this.server.url("/c")).timeout(Duration.ofMinutes(10)));
		Heartbeat heartbeat = Heartbeat.builder()
			.stateFile(null)
			.interval(Duration.ofSeconds(1))
			// callbacks on the beat thread itself: no worker thread stands between the
			// beats and a monitor that blocks
			.callbackExecutor(Runnable::run)
			.listener(monitor)
			.build();
		this.closeables.add(heartbeat);
		heartbeat.start();
		await().atMost(GENEROUS).until(() -> this.server.requests().size() == 1);
		long first = lastSeq(heartbeat);
		await().atMost(GENEROUS).until(() -> lastSeq(heartbeat) >= first + 3);
		// the server answers nothing until released: the beats were written while the
		// first ping waited for its answer
		assertThat(this.server.requests()).hasSize(1);
		assertThat(monitor.pending()).isPositive();
	}

	@Test
	void closeStopsTheThreadEvenWithARequestInFlight() {
		this.server.hang();
		PushMonitor monitor = PushMonitor.builder(this.server.url("/c")).timeout(Duration.ofSeconds(20)).build();
		monitor.onBeat(state(1, HeartbeatStatus.UP));
		await().atMost(GENEROUS).until(() -> this.server.requests().size() == 1);
		assertThat(pushThreads()).isNotEmpty();
		monitor.close();
		await().atMost(GENEROUS).until(() -> pushThreads().isEmpty());
		monitor.onBeat(state(2, HeartbeatStatus.UP));
		assertThat(pushThreads()).isEmpty();
		assertThat(monitor.pending()).isZero();
	}

	@Test
	void failuresAreLoggedOncePerEpisode() {
		// the test logging configuration shows WARN only; "works again" is INFO
		LogRecorder log = new LogRecorder(PushMonitor.class.getName());
		this.closeables.add(log::close);
		this.server.answer(500, 500, 500, 500);
		PushMonitor monitor = monitor(
				PushMonitor.builder(this.server.url("/secret-uuid")).method(PushMethod.POST).includeState(true));
		monitor.onBeat(state(1, HeartbeatStatus.UP));
		monitor.onBeat(state(2, HeartbeatStatus.UP));
		monitor.onBeat(state(3, HeartbeatStatus.UP));
		awaitSeq(3);
		await().atMost(GENEROUS).until(() -> log.count("works again") == 1);
		assertThat(log.count("Heartbeat push of a ping to http://127.0.0.1:")).isOne();
		assertThat(String.join("\n", log.all())).contains("failed: HTTP 500 (retried once); beats go on")
			.doesNotContain("secret-uuid");
	}

	@Test
	void aMonitorThatRefusesConnectionsThrowsNothing() {
		URI url = this.server.url("/c");
		this.server.close();
		PushMonitor monitor = monitor(PushMonitor.builder(url).timeout(Duration.ofSeconds(1)));
		monitor.onBeat(state(1, HeartbeatStatus.UP));
		monitor.onEscalated("feed", FEED);
		monitor.onEscalationCleared();
		await().atMost(GENEROUS).until(() -> monitor.pending() == 0);
	}

	@Test
	void invalidSettingsAreRejected() {
		assertThatIllegalArgumentException().isThrownBy(() -> PushMonitor.builder(URI.create("ftp://example.com/c")))
			.withMessageContaining("http or https");
		assertThatIllegalArgumentException().isThrownBy(() -> PushMonitor.builder(URI.create("/relative")));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> PushMonitor.builder(URI.create("http://example.com")).every(0));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> PushMonitor.builder(URI.create("http://example.com")).timeout(Duration.ZERO));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> PushMonitor.builder(URI.create("http://example.com")).includeState(true).build())
			.withMessageContaining("GET");
	}

	private PushMonitor.Builder withState() {
		return PushMonitor.builder(this.server.url("/c")).method(PushMethod.POST).includeState(true);
	}

	private PushMonitor monitor(PushMonitor.Builder builder) {
		PushMonitor monitor = builder.build();
		this.closeables.add(monitor);
		return monitor;
	}

	private List<Request> awaitRequests(int count) {
		await().atMost(GENEROUS).until(() -> this.server.requests().size() >= count);
		return this.server.requests();
	}

	private List<Request> awaitSeq(long seq) {
		await().atMost(GENEROUS).until(() -> seqs(this.server.requests()).contains(seq));
		return this.server.requests();
	}

	private static List<Long> seqs(List<Request> requests) {
		return requests.stream().map(PushMonitorTests::seq).toList();
	}

	private static long seq(Request request) {
		Matcher matcher = SEQ.matcher(request.body());
		return matcher.find() ? Long.parseLong(matcher.group(1)) : -1;
	}

	private static long lastSeq(Heartbeat heartbeat) {
		return heartbeat.lastState().map(HeartbeatState::seq).orElse(0L);
	}

	private static List<Thread> pushThreads() {
		return Thread.getAllStackTraces()
			.keySet()
			.stream()
			.filter((thread) -> thread.getName().equals(PushMonitor.THREAD_NAME) && thread.isAlive())
			.toList();
	}

	private static PreviousRun previousRun(boolean clean) {
		return new PreviousRun(4241, "orders-1", Instant.parse("2026-01-12T09:59:00Z"),
				clean ? HeartbeatStatus.STOPPED : HeartbeatStatus.UP, clean, Duration.ofMinutes(1), clean ? 0 : 1);
	}

	private static HeartbeatState state(long seq, HeartbeatStatus status) {
		return state(seq, status, TargetStatus.ALIVE);
	}

	private static HeartbeatState state(long seq, HeartbeatStatus status, TargetStatus feed) {
		return new HeartbeatState(Instant.parse("2026-01-12T10:00:00Z").plusSeconds(seq), 4242, "orders-1", Map.of(),
				status, seq, Duration.ofSeconds(1), Map.of("feed", feed));
	}

}
