package dev.heartbeat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Kills a JVM that beats as fast as it can with SIGKILL, at random moments, over and
 * over, while another process reads the state file all along; then checks what the kills
 * left behind.
 */
class HeartbeatCrashTests {

	private static final int KILLS = 200;

	// long enough for a few hundred beats: kills land before, during and after writes
	private static final long MAX_KILL_DELAY_NANOS = TimeUnit.MILLISECONDS.toNanos(40);

	private static final Duration GENEROUS = Duration.ofSeconds(30);

	@TempDir
	Path directory;

	@TempDir
	Path classes;

	@Test
	void aReaderNeverSeesAnInvalidFileWhileWritersAreKilled() throws Exception {
		Path file = this.directory.resolve("crash.heartbeat");
		// the engine alone starts faster than the whole test class path: hundreds of JVMs
		// start here
		String classPath = ChildJvm.copyEngineClassPath(this.classes);
		long started = System.nanoTime();
		long lastWriter = 0;
		String figures;
		// niced, so that it reads whenever a core is free without slowing the writers'
		// start-up
		try (ChildJvm reader = ChildJvm.start(List.of("nice", "-n", "10"), classPath, ReadingProcess.class,
				file.toString())) {
			await().atMost(GENEROUS).until(() -> reader.printed("READING"));
			for (int kill = 0; kill < KILLS; kill++) {
				try (ChildJvm writer = ChildJvm.start(List.of(), classPath, BeatingProcess.class, file.toString())) {
					await().atMost(GENEROUS).pollInterval(Duration.ofMillis(5)).until(() -> writer.printed("BEATING"));
					// a random moment in the writer's stream of beats: the point is not
					// to choose it
					LockSupport.parkNanos(ThreadLocalRandom.current().nextLong(MAX_KILL_DELAY_NANOS));
					lastWriter = writer.pid();
				}
			}
			reader.closeInput();
			assertThat(reader.process().waitFor(30, TimeUnit.SECONDS)).isTrue();
			await().atMost(GENEROUS).until(() -> reader.printed("reads="));
			figures = reader.lines().stream().filter((line) -> line.startsWith("reads=")).findFirst().orElseThrow();
			reader.lines().stream().filter((line) -> line.startsWith("INVALID")).forEach(System.out::println);
		}
		long leftTempFiles = tempFiles().size();
		Duration took = Duration.ofNanos(System.nanoTime() - started);
		System.out.println("Crash harness: kills=" + KILLS + " " + figures + " temp files left by kills="
				+ leftTempFiles + " in " + took.toSeconds() + " s");
		Matcher counts = Pattern.compile("reads=(\\d+) invalid=(\\d+)").matcher(figures);
		assertThat(counts.matches()).isTrue();
		assertThat(Long.parseLong(counts.group(1))).isGreaterThan(KILLS);
		assertThat(Long.parseLong(counts.group(2))).isZero();
		HeartbeatState left = HeartbeatState.read(file).orElseThrow();
		assertThat(left.pid()).isEqualTo(lastWriter);
		assertThat(left.metadata().get("payload")).isEqualTo("x".repeat(4096));
		// the next process to start on the file removes what the kills left behind
		Heartbeat next = Heartbeat.builder().stateFile(file).build();
		next.start();
		try {
			assertThat(tempFiles()).isEmpty();
		}
		finally {
			next.stop();
		}
	}

	private List<Path> tempFiles() throws IOException {
		try (Stream<Path> files = Files.list(this.directory)) {
			return files.filter((path) -> path.getFileName().toString().endsWith(".tmp")).toList();
		}
	}

}
