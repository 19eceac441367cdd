package dev.heartbeat;

import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The longest stop-the-world pause since the previous beat: fed with the collectors'
 * names and durations as the JDK's notifications give them, and once with a real
 * {@code System.gc()}.
 */
class GcPausesTests {

	@TempDir
	Path directory;

	private final GcPauses pauses = new GcPauses();

	@Test
	void eachTakeGivesTheLongestPauseSinceTheLastAndStartsAgainFromNone() {
		this.pauses.open();
		try {
			assertThat(this.pauses.isListening()).isTrue();
			// what the JVM reported before this test is not the test's
			this.pauses.takeLongest();
			this.pauses.collected("G1 Young Generation", 12);
			this.pauses.collected("G1 Old Generation", 40);
			this.pauses.collected("G1 Young Generation", 7);
			assertThat(this.pauses.takeLongest()).isGreaterThanOrEqualTo(Duration.ofMillis(40));
			this.pauses.collected("Copy", 3);
			Duration next = this.pauses.takeLongest();
			assertThat(next).isGreaterThanOrEqualTo(Duration.ofMillis(3));
		}
		finally {
			this.pauses.close();
		}
	}

	@Test
	void concurrentCyclesAreNotPausesButTheirPausesAre() {
		// the beans of Java 17 and 25, as the JDK names them
		assertThat(GcPauses.isPause("ZGC Cycles")).isFalse();
		assertThat(GcPauses.isPause("ZGC Minor Cycles")).isFalse();
		assertThat(GcPauses.isPause("ZGC Major Cycles")).isFalse();
		assertThat(GcPauses.isPause("Shenandoah Cycles")).isFalse();
		assertThat(GcPauses.isPause("ZGC Pauses")).isTrue();
		assertThat(GcPauses.isPause("ZGC Minor Pauses")).isTrue();
		assertThat(GcPauses.isPause("ZGC Major Pauses")).isTrue();
		assertThat(GcPauses.isPause("Shenandoah Pauses")).isTrue();
		// Remark and Cleanup, the stop-the-world pauses of G1's concurrent cycle
		assertThat(GcPauses.isPause("G1 Concurrent GC")).isTrue();
		assertThat(GcPauses.isPause("G1 Young Generation")).isTrue();
		assertThat(GcPauses.isPause("PS MarkSweep")).isTrue();
		assertThat(GcPauses.isPause("MarkSweepCompact")).isTrue();
	}

	@Test
	void aConcurrentCycleIsNotCounted() {
		this.pauses.open();
		try {
			this.pauses.takeLongest();
			this.pauses.collected("ZGC Major Cycles", 60_000);
			this.pauses.collected("ZGC Major Pauses", 1);
			// a real collection of this JVM may come in between, never one of a minute
			assertThat(this.pauses.takeLongest()).isLessThan(Duration.ofSeconds(60));
		}
		finally {
			this.pauses.close();
		}
	}

	@Test
	void nothingIsKnownBeforeOpenOrAfterClose() {
		this.pauses.collected("G1 Young Generation", 12);
		assertThat(this.pauses.takeLongest()).isNull();
		this.pauses.open();
		this.pauses.close();
		assertThat(this.pauses.isListening()).isFalse();
		assertThat(this.pauses.takeLongest()).isNull();
	}

	@Test
	void aRealCollectionLeavesABeatWithAPauseThatIsNotNegative() {
		Heartbeat heartbeat = Heartbeat.builder()
			.stateFile(this.directory.resolve("app.heartbeat"))
			.interval(Duration.ofSeconds(300))
			.build();
		heartbeat.start();
		try {
			System.gc();
			HeartbeatState state = heartbeat.beat();
			assertThat(state.maxPause()).isNotNull().isGreaterThanOrEqualTo(Duration.ZERO);
			assertThat(HeartbeatState.read(heartbeat.stateFile().orElseThrow()).orElseThrow().maxPause())
				.isEqualTo(state.maxPause());
		}
		finally {
			heartbeat.stop();
		}
	}

}
