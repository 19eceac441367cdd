package dev.heartbeat.endpoint;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import dev.heartbeat.Heartbeat;
import dev.heartbeat.HeartbeatState;
import dev.heartbeat.HeartbeatStatus;
import dev.heartbeat.MutableClock;
import dev.heartbeat.TargetStatus;
import dev.heartbeat.endpoint.HeartbeatEndpoint.BeatDescriptor;
import dev.heartbeat.endpoint.HeartbeatEndpoint.HeartbeatDescriptor;
import dev.heartbeat.endpoint.HeartbeatEndpoint.PreviousRunDescriptor;
import dev.heartbeat.endpoint.HeartbeatEndpoint.TargetDescriptor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class HeartbeatEndpointTests {

	private static final Instant NOW = Instant.parse("2030-05-06T07:08:09.123456Z");

	@TempDir
	Path directory;

	private final MutableClock clock = new MutableClock(NOW);

	private Heartbeat heartbeat;

	@AfterEach
	void stopHeartbeat() {
		if (this.heartbeat != null) {
			this.heartbeat.stop();
		}
	}

	private Heartbeat start(Path stateFile) {
		// the longest interval: start() writes the first beat, and no other comes during
		// the test
		this.heartbeat = Heartbeat.builder()
			.stateFile(stateFile)
			.interval(Duration.ofSeconds(300))
			.maxAge(Duration.ofSeconds(900))
			.metadata(Map.of("version", "1.2.3"))
			.target("upstream", () -> true)
			.target("feed", () -> false)
			.clock(this.clock)
			// checks and callbacks on the calling thread: the first beat carries both
			// targets' answers
			.callbackExecutor(Runnable::run)
			.build();
		this.heartbeat.start();
		return this.heartbeat;
	}

	@Test
	void readDescribesTheStateTheConfigurationTheTargetsAndTheRecentBeats() {
		Path stateFile = this.directory.resolve("app.heartbeat");
		HeartbeatEndpoint endpoint = new HeartbeatEndpoint(start(stateFile));
		this.clock.advance(Duration.ofSeconds(1));
		endpoint.beat();
		HeartbeatDescriptor descriptor = endpoint.heartbeat();
		assertThat(descriptor.status()).isEqualTo(HeartbeatStatus.UP);
		assertThat(descriptor.running()).isTrue();
		assertThat(descriptor.escalated()).isFalse();
		assertThat(descriptor.lastFailure()).isNull();
		assertThat(descriptor.configuration().stateFile()).isEqualTo(stateFile.toAbsolutePath().toString());
		assertThat(descriptor.configuration().interval()).isEqualTo(Duration.ofSeconds(300));
		assertThat(descriptor.configuration().maxAge()).isEqualTo(Duration.ofSeconds(900));
		assertThat(descriptor.state()).isNotNull();
		assertThat(descriptor.state().seq()).isEqualTo(2);
		assertThat(descriptor.state().timestamp()).isEqualTo(NOW.plusSeconds(1));
		assertThat(descriptor.state().pid()).isEqualTo(ProcessHandle.current().pid());
		assertThat(descriptor.state().interval()).isEqualTo(300);
		assertThat(descriptor.state().metadata()).containsExactly(Map.entry("version", "1.2.3"));
		assertThat(descriptor.state().targets()).containsExactly(Map.entry("upstream", TargetStatus.DEAD),
				Map.entry("feed", TargetStatus.ALIVE));
		assertThat(descriptor.targets()).containsExactly(
				new TargetDescriptor("upstream", TargetStatus.DEAD, true, 1, 1, NOW, false, null),
				new TargetDescriptor("feed", TargetStatus.ALIVE, true, 0, 0, null, false, null));
		assertThat(descriptor.state().staleAfter()).isEqualTo(NOW.plusSeconds(1).plus(Duration.ofSeconds(900)));
		assertThat(descriptor.recentBeats()).extracting(BeatDescriptor::seq).containsExactly(1L, 2L);
		assertThat(descriptor.recentBeats()).extracting(BeatDescriptor::timestamp)
			.containsExactly(NOW, NOW.plusSeconds(1));
		assertThat(descriptor.recentBeats()).allSatisfy((beat) -> {
			assertThat(beat.success()).isTrue();
			assertThat(beat.failure()).isNull();
			assertThat(beat.duration()).isPositive();
		});
	}

	@Test
	void thePreviousRunHasASectionWithItsPidHostnameLastBeatStatusCleanDowntimeAndUncleanRestarts() throws IOException {
		Path stateFile = this.directory.resolve("app.heartbeat");
		Instant lastBeat = NOW.minusSeconds(90);
		Files.writeString(stateFile,
				new HeartbeatState(lastBeat, 7, "other-host", Map.of(), HeartbeatStatus.UP, 3, Duration.ofSeconds(10),
						Map.of(), Map.of(), Map.of(), lastBeat.plusSeconds(30), 0, null, null)
					.toJson());
		HeartbeatDescriptor descriptor = new HeartbeatEndpoint(start(stateFile)).heartbeat();
		assertThat(descriptor.previousRun()).isEqualTo(new PreviousRunDescriptor(7, "other-host", lastBeat,
				HeartbeatStatus.UP, false, Duration.ofSeconds(90), 1));
		assertThat(descriptor.state().uncleanRestarts()).isEqualTo(1);
	}

	@Test
	void theStateOfAScheduledBeatSaysHowLateItWasAndTheLongestPauseInMilliseconds() {
		HeartbeatEndpoint endpoint = new HeartbeatEndpoint(start(this.directory.resolve("app.heartbeat")));
		// the first beat, written by start() on the schedule
		HeartbeatDescriptor descriptor = endpoint.heartbeat();
		assertThat(descriptor.state().lateBy()).isNotNull().isNotNegative();
		assertThat(descriptor.state().maxPause()).isNotNull().isNotNegative();
		// a beat off the schedule says nothing of lateness
		endpoint.beat();
		assertThat(endpoint.heartbeat().state().lateBy()).isNull();
	}

	@Test
	void aStartWithoutAPreviousRunHasNoSection() {
		HeartbeatDescriptor descriptor = new HeartbeatEndpoint(start(this.directory.resolve("app.heartbeat")))
			.heartbeat();
		assertThat(descriptor.previousRun()).isNull();
		assertThat(descriptor.state().uncleanRestarts()).isZero();
	}

	@Test
	void writeTriggersABeatThatIsWrittenToTheStateFile() {
		Path stateFile = this.directory.resolve("app.heartbeat");
		HeartbeatEndpoint endpoint = new HeartbeatEndpoint(start(stateFile));
		BeatDescriptor beat = endpoint.beat();
		assertThat(beat).isNotNull();
		assertThat(beat.seq()).isEqualTo(2);
		assertThat(beat.success()).isTrue();
		assertThat(HeartbeatState.read(stateFile).orElseThrow().seq()).isEqualTo(2);
	}

	@Test
	void writeThatCannotBeWrittenReportsWhy() throws IOException {
		Path stateFile = this.directory.resolve("app.heartbeat");
		HeartbeatEndpoint endpoint = new HeartbeatEndpoint(start(stateFile));
		Files.delete(stateFile);
		Files.createDirectory(stateFile);
		BeatDescriptor beat = endpoint.beat();
		assertThat(beat).isNotNull();
		assertThat(beat.success()).isFalse();
		assertThat(beat.failure()).startsWith("Failed to write heartbeat to " + stateFile.toAbsolutePath());
		HeartbeatDescriptor descriptor = endpoint.heartbeat();
		assertThat(descriptor.lastFailure()).isEqualTo(beat.failure());
		assertThat(descriptor.state().seq()).isEqualTo(1);
		assertThat(descriptor.recentBeats()).extracting(BeatDescriptor::success).containsExactly(true, false);
	}

	@Test
	void writeDoesNothingOnceTheHeartbeatHasStopped() {
		Path stateFile = this.directory.resolve("app.heartbeat");
		HeartbeatEndpoint endpoint = new HeartbeatEndpoint(start(stateFile));
		this.heartbeat.stop();
		assertThat(endpoint.beat()).isNull();
		assertThat(HeartbeatState.read(stateFile).orElseThrow().status()).isEqualTo(HeartbeatStatus.STOPPED);
		assertThat(endpoint.heartbeat().running()).isFalse();
	}

	@Test
	void readBeforeTheFirstBeatHasNoState() {
		this.heartbeat = Heartbeat.builder().stateFile(null).build();
		HeartbeatDescriptor descriptor = new HeartbeatEndpoint(this.heartbeat).heartbeat();
		assertThat(descriptor.state()).isNull();
		assertThat(descriptor.configuration().stateFile()).isNull();
		assertThat(descriptor.targets()).isEmpty();
		assertThat(descriptor.recentBeats()).isEmpty();
	}

}
