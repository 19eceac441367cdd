package dev.heartbeat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Kills a second JVM with SIGKILL while it beats, and checks what it leaves behind.
 */
class HeartbeatCrashTests {

	private static final int KILLS = 8;

	@TempDir
	Path directory;

	@Test
	void aProcessKilledWhileItBeatsLeavesACompleteStateFile() throws Exception {
		Path file = this.directory.resolve("crash.heartbeat");
		AtomicInteger reads = new AtomicInteger();
		AtomicInteger invalidReads = new AtomicInteger();
		for (int kill = 0; kill < KILLS; kill++) {
			long beatsBeforeKill = ThreadLocalRandom.current().nextLong(50, 2000);
			Process writer = startBeatingProcess(file);
			try {
				await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(1)).until(() -> {
					// the file is never deleted: once it exists, every read must find a complete state
					boolean existed = Files.exists(file);
					StateFileReading reading = HeartbeatState.inspect(file);
					if (existed) {
						reads.incrementAndGet();
						if (reading.state() == null) {
							invalidReads.incrementAndGet();
						}
					}
					return reading.state() != null && reading.state().pid() == writer.pid()
							&& reading.state().seq() >= beatsBeforeKill;
				});
			}
			finally {
				writer.destroyForcibly();
				assertThat(writer.waitFor(30, TimeUnit.SECONDS)).isTrue();
			}
			HeartbeatState left = HeartbeatState.read(file).orElseThrow();
			assertThat(left.pid()).isEqualTo(writer.pid());
			assertThat(left.metadata().get("payload")).isEqualTo("x".repeat(4096));
		}
		assertThat(reads.get()).isGreaterThan(KILLS);
		assertThat(invalidReads).hasValue(0);
	}

	private static Process startBeatingProcess(Path file) throws IOException {
		String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
		return new ProcessBuilder(java, "-Xshare:auto", "-XX:TieredStopAtLevel=1", "-cp",
				System.getProperty("java.class.path"), BeatingProcess.class.getName(), file.toString())
			.redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.DISCARD)
			.start();
	}

}
