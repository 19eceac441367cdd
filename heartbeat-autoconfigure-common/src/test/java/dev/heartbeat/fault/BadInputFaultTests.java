package dev.heartbeat.fault;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import ch.qos.logback.classic.Level;
import dev.heartbeat.Heartbeat;
import dev.heartbeat.HeartbeatMetadataContributor;
import dev.heartbeat.HeartbeatState;
import dev.heartbeat.LogRecorder;
import dev.heartbeat.health.HealthView;
import dev.heartbeat.health.HeartbeatHealthIndicator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * State files that are not a heartbeat, ours or another writer's: each reads as empty
 * with its problem named, never past 64 KiB, and takes health DOWN with that problem as
 * the reason.
 */
class BadInputFaultTests {

	private static final long PID = ProcessHandle.current().pid();

	@TempDir
	Path directory;

	private Path stateFile() {
		return this.directory.resolve("app.heartbeat");
	}

	@Test
	void empty() throws IOException {
		assertDownWith(write(""), "is empty");
	}

	@Test
	void truncated() throws IOException {
		assertDownWith(write(validState(Instant.now()).substring(0, 40)), "is not valid JSON");
	}

	@Test
	void notUtf8() throws IOException {
		Files.write(stateFile(),
				("{\"timestamp\": \"" + Instant.now() + "\", \"pid\": " + PID + ", \"hostname\": \"caf\u00e9\"}")
					.getBytes(StandardCharsets.ISO_8859_1));
		assertDownWith(stateFile(), "is not valid JSON");
	}

	@Test
	void jsonArray() throws IOException {
		assertDownWith(write("[" + validState(Instant.now()) + "]"), "does not hold a JSON object");
	}

	@Test
	void wrongTypes() throws IOException {
		assertDownWith(
				write("{\"timestamp\": \"" + Instant.now() + "\", \"pid\": \"" + PID + "\", \"hostname\": \"h\"}"),
				"has a 'pid' that is not a number");
	}

	@Test
	void oneGibibyteReadOnlyUpTo64KiB() throws IOException {
		try (RandomAccessFile file = new RandomAccessFile(stateFile().toFile(), "rw")) {
			// sparse: a gibibyte long, no disk used
			file.setLength(1L << 30);
		}
		com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
		long threadId = Thread.currentThread().getId();
		HeartbeatState.inspect(stateFile());
		long before = threads.getThreadAllocatedBytes(threadId);
		String problem = HeartbeatState.inspect(stateFile()).problem();
		long allocated = threads.getThreadAllocatedBytes(threadId) - before;
		assertThat(problem).endsWith("is larger than 64 KiB");
		assertThat(allocated).isLessThan(256 * 1024);
		assertDownWith(stateFile(), "is larger than 64 KiB");
	}

	@Test
	void fifo() throws Exception {
		Process mkfifo = new ProcessBuilder("mkfifo", stateFile().toString()).start();
		assumeTrue(mkfifo.waitFor(30, TimeUnit.SECONDS) && mkfifo.exitValue() == 0, "mkfifo is not available here");
		// a reader that opened it would block until a writer came: it must not even try
		assertDownWith(stateFile(), "is not a regular file");
	}

	@Test
	void timestampInTheFutureBeyondTheSkewAllowanceIsNotFresh() throws IOException {
		Instant future = Instant.now().plus(1, ChronoUnit.HOURS);
		write(validState(future));
		assertThat(HeartbeatState.read(stateFile())).isPresent();
		assertThat(HeartbeatState.isAlive(stateFile(), java.time.Duration.ofDays(1))).isFalse();
		HealthView health = health();
		assertThat(health.status()).isEqualTo("DOWN");
		assertThat(health.details().get("reason")).asString().contains("in the future");
	}

	@Test
	void anotherWritersValidFile() throws IOException {
		write(validState(Instant.now()).replace("\"pid\": " + PID, "\"pid\": 1"));
		assertThat(HeartbeatState.read(stateFile())).isPresent();
		assertThat(health().details().get("reason")).isEqualTo("the state file was written by another process (pid 1)");
	}

	@Test
	void metadataThatCannotBeJsonFailsOnlyItsContributorWithALogNamingIt() {
		Map<String, Object> cyclic = new HashMap<>();
		cyclic.put("self", cyclic);
		try (LogRecorder log = new LogRecorder()) {
			Heartbeat heartbeat = Heartbeat.builder()
				.stateFile(stateFile())
				.metadataContributor(named("queueMetadata", () -> Map.of("depth", 3)))
				.metadataContributor(named("loadMetadata", () -> Map.of("load", Double.NaN)))
				.metadataContributor(named("cyclicMetadata", () -> Map.of("cycle", cyclic)))
				.build();
			assertThat(heartbeat.beat().metadata()).containsOnly(Map.entry("depth", 3));
			assertThat(HeartbeatState.read(stateFile()).orElseThrow().metadata()).containsOnly(Map.entry("depth", 3));
			assertThat(log.messages(Level.WARN))
				.anySatisfy((message) -> assertThat(message).contains("loadMetadata").contains("NaN"));
			assertThat(log.messages(Level.WARN))
				.anySatisfy((message) -> assertThat(message).contains("cyclicMetadata"));
			assertThat(log.messages(Level.WARN))
				.noneSatisfy((message) -> assertThat(message).contains("queueMetadata"));
		}
	}

	private void assertDownWith(Path file, String problem) {
		assertThat(HeartbeatState.read(file)).isEmpty();
		assertThat(HeartbeatState.inspect(file).problem()).contains(problem);
		HealthView health = health();
		assertThat(health.status()).isEqualTo("DOWN");
		assertThat(health.details().get("reason")).asString().contains(problem);
	}

	private HealthView health() {
		// never started: the indicator judges the file as it is
		return HealthView.of(new HeartbeatHealthIndicator(Heartbeat.builder().stateFile(stateFile()).build()));
	}

	private Path write(String content) throws IOException {
		return Files.writeString(stateFile(), content);
	}

	private static String validState(Instant timestamp) {
		return "{\"timestamp\": \"" + timestamp + "\", \"pid\": " + PID + ", \"hostname\": \"h\", \"status\": \"UP\"}";
	}

	private static HeartbeatMetadataContributor named(String name, HeartbeatMetadataContributor contributor) {
		return new HeartbeatMetadataContributor() {

			@Override
			public Map<String, ?> metadata() {
				return contributor.metadata();
			}

			@Override
			public String toString() {
				return name;
			}

		};
	}

}
