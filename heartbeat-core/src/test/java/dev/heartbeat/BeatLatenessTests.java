package dev.heartbeat;

import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How late each scheduled beat started against its fixed-rate schedule, on a ticker the
 * test moves: the beats are run by hand, as the executor would run them.
 */
class BeatLatenessTests {

	// no scheduled beat but the first gets in the way of the test
	private static final Duration INTERVAL = Duration.ofSeconds(300);

	private final MutableTicker ticker = new MutableTicker();

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
	void eachScheduledBeatSaysHowLateItStarted() {
		start();
		assertThat(lastLateBy()).isZero();
		this.ticker.advance(INTERVAL.plusMillis(250));
		this.heartbeat.tick();
		assertThat(lastLateBy()).isEqualTo(Duration.ofMillis(250));
		// due at 600 s, run at 600 s
		this.ticker.advance(INTERVAL.minusMillis(250));
		this.heartbeat.tick();
		assertThat(lastLateBy()).isZero();
		assertThat(HeartbeatState.read(this.heartbeat.stateFile().orElseThrow()).orElseThrow().lateBy()).isZero();
	}

	@Test
	void aBeatAfterAPauseIsLateByThePauseAndTheRunsItMissedAreNotDueAnyMore() {
		start();
		// due at 300 s, run at 1,050 s: the executor runs the missed ones at once, then
		// goes on at 1,200 s
		this.ticker.advance(INTERVAL.multipliedBy(3).plusSeconds(150));
		this.heartbeat.tick();
		assertThat(lastLateBy()).isEqualTo(Duration.ofSeconds(750));
		long seq = this.heartbeat.lastState().orElseThrow().seq();
		this.heartbeat.tick();
		this.heartbeat.tick();
		assertThat(this.heartbeat.lastState().orElseThrow().seq()).isEqualTo(seq);
		this.ticker.advance(Duration.ofSeconds(150));
		this.heartbeat.tick();
		assertThat(lastLateBy()).isZero();
	}

	@Test
	void aRunOnTheGridSkippedForFollowingALateBeatMakesTheNextOneNoLater() {
		start();
		// due at 300 s, run at 500 s; the one due at 600 s follows too closely and is
		// skipped; the one due at 900 s is on time
		this.ticker.advance(Duration.ofSeconds(500));
		this.heartbeat.tick();
		assertThat(lastLateBy()).isEqualTo(Duration.ofSeconds(200));
		long seq = this.heartbeat.lastState().orElseThrow().seq();
		this.ticker.advance(Duration.ofSeconds(100));
		this.heartbeat.tick();
		assertThat(this.heartbeat.lastState().orElseThrow().seq()).isEqualTo(seq);
		this.ticker.advance(INTERVAL);
		this.heartbeat.tick();
		assertThat(lastLateBy()).isZero();
	}

	@Test
	void beatsOffTheScheduleSayNothingOfLateness() {
		start();
		assertThat(this.heartbeat.beatNow().orElseThrow().isSuccess()).isTrue();
		assertThat(this.heartbeat.lastState().orElseThrow().lateBy()).isNull();
		assertThat(this.heartbeat.beat().lateBy()).isNull();
		this.heartbeat.updateStatus(HeartbeatStatus.STOPPING);
		assertThat(this.heartbeat.lastState().orElseThrow().lateBy()).isNull();
		this.heartbeat.stop();
		HeartbeatState stopped = HeartbeatState.read(this.directory.resolve("app.heartbeat")).orElseThrow();
		assertThat(stopped.status()).isEqualTo(HeartbeatStatus.STOPPED);
		assertThat(stopped.lateBy()).isNull();
	}

	private void start() {
		this.heartbeat = Heartbeat.builder()
			.stateFile(this.directory.resolve("app.heartbeat"))
			.interval(INTERVAL)
			.ticker(this.ticker)
			.build();
		this.heartbeat.start();
	}

	private Duration lastLateBy() {
		return this.heartbeat.lastState().orElseThrow().lateBy();
	}

}
