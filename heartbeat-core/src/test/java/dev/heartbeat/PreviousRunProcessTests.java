package dev.heartbeat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Real processes on one state file, one after the other: each killed with SIGKILL, then
 * one stopped cleanly; each new one tells how the one before it ended.
 */
class PreviousRunProcessTests {

	private static final Duration GENEROUS = Duration.ofSeconds(60);

	@TempDir
	Path directory;

	@Test
	void eachProcessTellsHowTheOneBeforeEndedAndKillsInARowAreCounted() throws Exception {
		Path file = this.directory.resolve("app.heartbeat");
		Instant before = Instant.now();
		long killed = startAndKill(file, null);
		for (int kills = 1; kills <= 3; kills++) {
			// what the killed process left: its last beat, UP
			HeartbeatState left = HeartbeatState.read(file).orElseThrow();
			assertThat(left.pid()).isEqualTo(killed);
			assertThat(left.status()).isEqualTo(HeartbeatStatus.UP);
			Previous expected = new Previous(killed, false, kills, left.timestamp());
			if (kills < 3) {
				killed = startAndKill(file, expected);
			}
			else {
				// the fourth process stops cleanly, and the fifth says so
				try (ChildJvm stopping = ChildJvm.start(HeartbeatProcess.class, file.toString())) {
					awaitStarted(stopping);
					assertPrevious(stopping, expected, before);
					stopping.closeInput();
					assertThat(stopping.process().waitFor(30, TimeUnit.SECONDS)).isTrue();
					HeartbeatState stopped = HeartbeatState.read(file).orElseThrow();
					assertThat(stopped.status()).isEqualTo(HeartbeatStatus.STOPPED);
					assertThat(stopped.uncleanRestarts()).isEqualTo(3);
					try (ChildJvm next = ChildJvm.start(HeartbeatProcess.class, file.toString())) {
						awaitStarted(next);
						assertPrevious(next, new Previous(stopping.pid(), true, 0, stopped.timestamp()), before);
					}
				}
			}
		}
	}

	private static long startAndKill(Path file, Previous expected) throws Exception {
		try (ChildJvm child = ChildJvm.start(HeartbeatProcess.class, file.toString())) {
			awaitStarted(child);
			if (expected != null) {
				assertPrevious(child, expected, null);
				// the count it took over is written with its beats
				assertThat(HeartbeatState.read(file).orElseThrow().uncleanRestarts()).isEqualTo(expected.unclean());
			}
			else {
				assertThat(child.printed("PREVIOUS")).isFalse();
			}
			return child.pid();
		}
		// closing the child kills it with SIGKILL (Process.destroyForcibly() on Linux)
	}

	private static void awaitStarted(ChildJvm child) {
		await().atMost(GENEROUS).until(() -> child.printed("STARTED") || child.printed("FAILED"));
		assertThat(child.printed("STARTED")).as("%s", child.lines()).isTrue();
	}

	private static void assertPrevious(ChildJvm child, Previous expected, Instant before) {
		String line = child.lines()
			.stream()
			.filter((printed) -> printed.startsWith("PREVIOUS "))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no previous run in " + child.lines()));
		List<String> words = List.of(line.split(" "));
		assertThat(Long.parseLong(words.get(1))).isEqualTo(expected.pid());
		assertThat(Boolean.parseBoolean(words.get(2))).isEqualTo(expected.clean());
		assertThat(Long.parseLong(words.get(3))).isEqualTo(expected.unclean());
		assertThat(Instant.parse(words.get(5))).isEqualTo(expected.lastBeat());
		// from its last beat to this start: never negative, and never more than the
		// whole test took so far (bounds that a loaded machine cannot break)
		Duration downtime = Duration.ofMillis(Long.parseLong(words.get(4)));
		assertThat(downtime).isGreaterThanOrEqualTo(Duration.ZERO);
		Instant since = (before != null) ? before : expected.lastBeat();
		assertThat(downtime).isLessThanOrEqualTo(Duration.between(since, Instant.now()).plusSeconds(1));
	}

	private record Previous(long pid, boolean clean, long unclean, Instant lastBeat) {
	}

}
