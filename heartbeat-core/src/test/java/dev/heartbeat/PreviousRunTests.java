package dev.heartbeat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import ch.qos.logback.classic.Level;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.awaitility.Awaitility.await;

/**
 * A heartbeat that starts on a state file left by another process reports how that run
 * ended, and carries the count of unclean endings in a row; in the same JVM, with files
 * written by hand as the other process would have left them.
 */
class PreviousRunTests {

	private static final Duration GENEROUS = Duration.ofSeconds(30);

	private static final Duration LONGEST = Duration.ofSeconds(300);

	private static final Instant LAST_BEAT = Instant.parse("2026-01-12T10:00:00.123456Z");

	private final MutableClock clock = new MutableClock(LAST_BEAT.plusSeconds(42));

	private final RecordingListener listener = new RecordingListener();

	@TempDir
	Path directory;

	private Heartbeat heartbeat;

	@AfterEach
	void stop() {
		if (this.heartbeat != null) {
			this.heartbeat.stop();
		}
	}

	@Test
	void noStateFileMeansNoPreviousRun() {
		this.heartbeat = build(stateFile());
		this.heartbeat.start();
		assertThat(this.heartbeat.previousRun()).isEmpty();
		assertThat(this.heartbeat.lastState().orElseThrow().uncleanRestarts()).isZero();
		assertThat(this.listener.previousRuns).isEmpty();
	}

	@Test
	void aRunThatStoppedCleanlyIsReportedCleanWithItsDowntime() throws IOException {
		leave(HeartbeatStatus.STOPPED, 0);
		try (LogRecorder log = new LogRecorder()) {
			this.heartbeat = build(stateFile());
			this.heartbeat.start();
			PreviousRun previous = this.heartbeat.previousRun().orElseThrow();
			assertThat(previous).isEqualTo(new PreviousRun(7, "other-host", LAST_BEAT, HeartbeatStatus.STOPPED, true,
					Duration.ofSeconds(42), 0));
			assertThat(log.count(Level.INFO, "previous run stopped cleanly: pid 7 on other-host")).isOne();
			assertThat(log.messages(Level.WARN)).noneMatch((message) -> message.contains("previous run"));
		}
		assertThat(HeartbeatState.read(stateFile()).orElseThrow().uncleanRestarts()).isZero();
		assertThat(Files.readString(stateFile())).doesNotContain("uncleanRestarts");
	}

	@Test
	void aRunThatDidNotStopCleanlyCountsOneMoreUncleanEndingAndEachBeatCarriesTheCount() throws IOException {
		leave(HeartbeatStatus.UP, 1);
		try (LogRecorder log = new LogRecorder()) {
			this.heartbeat = build(stateFile());
			this.heartbeat.start();
			PreviousRun previous = this.heartbeat.previousRun().orElseThrow();
			assertThat(previous.clean()).isFalse();
			assertThat(previous.status()).isEqualTo(HeartbeatStatus.UP);
			assertThat(previous.uncleanRestarts()).isEqualTo(2);
			assertThat(log.count(Level.WARN, "previous run ended without a clean stop")).isOne();
			// under the threshold of 3
			assertThat(log.count(Level.WARN, "crash loop")).isZero();
		}
		assertThat(HeartbeatState.read(stateFile()).orElseThrow().uncleanRestarts()).isEqualTo(2);
		assertThat(this.heartbeat.beat().uncleanRestarts()).isEqualTo(2);
	}

	@Test
	void reachingTheCrashLoopThresholdWarns() throws IOException {
		leave(HeartbeatStatus.STARTING, 2);
		try (LogRecorder log = new LogRecorder()) {
			this.heartbeat = build(stateFile());
			this.heartbeat.start();
			assertThat(this.heartbeat.previousRun().orElseThrow().uncleanRestarts()).isEqualTo(3);
			assertThat(log.count(Level.WARN, "last 3 runs all ended without a clean stop")).isOne();
		}
	}

	@Test
	void theThresholdCanBeRaised() throws IOException {
		leave(HeartbeatStatus.UP, 2);
		try (LogRecorder log = new LogRecorder()) {
			this.heartbeat = Heartbeat.builder()
				.stateFile(stateFile())
				.interval(LONGEST)
				.clock(this.clock)
				.crashLoopThreshold(4)
				.build();
			this.heartbeat.start();
			assertThat(log.count(Level.WARN, "crash loop")).isZero();
		}
	}

	@Test
	void aThresholdUnderOneIsRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> Heartbeat.builder().crashLoopThreshold(0))
			.withMessageContaining("at least 1");
	}

	@Test
	void aFileOfThePythonHeartbeatHasNoStatusAndCountsAsUnclean() throws IOException {
		Files.writeString(stateFile(), "{\"timestamp\": \"2026-01-12T10:00:00.123456+00:00\", \"pid\": 7,"
				+ " \"hostname\": \"other-host\", \"metadata\": {}}");
		this.heartbeat = build(stateFile());
		this.heartbeat.start();
		assertThat(this.heartbeat.previousRun().orElseThrow()).satisfies((previous) -> {
			assertThat(previous.status()).isNull();
			assertThat(previous.clean()).isFalse();
			assertThat(previous.uncleanRestarts()).isOne();
		});
	}

	@Test
	void theListenersHearOfThePreviousRunBeforeTheFirstBeat() throws IOException {
		leave(HeartbeatStatus.UP, 0);
		this.heartbeat = build(stateFile());
		this.heartbeat.start();
		await().atMost(GENEROUS).until(() -> !this.listener.beats.isEmpty());
		assertThat(this.listener.previousRuns).containsExactly(this.heartbeat.previousRun().orElseThrow());
		assertThat(this.listener.calls).startsWith("onPreviousRun", "onBeat");
	}

	@Test
	void aBeatInTheFutureMeansNoDowntimeRatherThanANegativeOne() throws IOException {
		leave(HeartbeatStatus.STOPPED, 0);
		this.clock.set(LAST_BEAT.minusSeconds(3));
		this.heartbeat = build(stateFile());
		this.heartbeat.start();
		assertThat(this.heartbeat.previousRun().orElseThrow().downtime()).isZero();
	}

	@Test
	void aFileThatCannotBeReadIsReportedAndTheHeartbeatStarts() throws IOException {
		Files.writeString(stateFile(), "{\"timestamp\": ");
		try (LogRecorder log = new LogRecorder()) {
			this.heartbeat = build(stateFile());
			this.heartbeat.start();
			assertThat(log.count(Level.WARN, "cannot tell how the previous run ended: state file")).isOne();
		}
		assertThat(this.heartbeat.previousRun()).isEmpty();
		assertThat(this.heartbeat.isRunning()).isTrue();
		assertThat(HeartbeatState.read(stateFile())).isPresent();
	}

	@Test
	void aFileOfThisPidThatThisJvmNeverWroteIsAPreviousRun() throws IOException {
		// a container's JVM is often pid 1, on the same hostname, after every restart
		write(new HeartbeatState(LAST_BEAT, ProcessIdentity.pid(), ProcessIdentity.hostname(), Map.of(),
				HeartbeatStatus.UP, 9, Duration.ofSeconds(10), Map.of(), Map.of(), Map.of(), LAST_BEAT.plusSeconds(30),
				0, null, null));
		this.heartbeat = build(stateFile());
		this.heartbeat.start();
		assertThat(this.heartbeat.previousRun().orElseThrow().pid()).isEqualTo(ProcessIdentity.pid());
	}

	@Test
	void aHeartbeatStartedAgainInThisJvmKeepsThePreviousRunItFoundAndReportsItOnce() throws IOException {
		leave(HeartbeatStatus.UP, 4);
		this.heartbeat = build(stateFile());
		this.heartbeat.start();
		PreviousRun found = this.heartbeat.previousRun().orElseThrow();
		this.heartbeat.stop();
		this.heartbeat.start();
		assertThat(this.heartbeat.previousRun()).contains(found);
		assertThat(HeartbeatState.read(stateFile()).orElseThrow().uncleanRestarts()).isEqualTo(5);
		await().atMost(GENEROUS).until(() -> this.listener.beats.size() >= 3);
		assertThat(this.listener.previousRuns).containsExactly(found);
	}

	@Test
	void aBeatWrittenByHandBeforeTheStartIsNotAPreviousRun() {
		this.heartbeat = build(stateFile());
		this.heartbeat.beat();
		this.heartbeat.start();
		assertThat(this.heartbeat.previousRun()).isEmpty();
	}

	@Test
	void aHeartbeatWithoutAStateFileHasNoPreviousRun() {
		this.heartbeat = Heartbeat.builder().interval(LONGEST).build();
		this.heartbeat.start();
		assertThat(this.heartbeat.previousRun()).isEmpty();
	}

	private Heartbeat build(Path stateFile) {
		return Heartbeat.builder()
			.stateFile(stateFile)
			.interval(LONGEST)
			.clock(this.clock)
			.listener(this.listener)
			.build();
	}

	private void leave(HeartbeatStatus status, long uncleanRestarts) throws IOException {
		write(new HeartbeatState(LAST_BEAT, 7, "other-host", Map.of(), status, 120, Duration.ofSeconds(10), Map.of(),
				Map.of(), Map.of(), LAST_BEAT.plusSeconds(30), uncleanRestarts, null, null));
	}

	private void write(HeartbeatState state) throws IOException {
		Files.writeString(stateFile(), state.toJson());
	}

	private Path stateFile() {
		return this.directory.resolve("app.heartbeat");
	}

}
