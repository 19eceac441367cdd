package dev.heartbeat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class HeartbeatStateTests {

	private static final String SEED_FILE = """
			{
			  "timestamp": "2026-01-12T10:00:00.123456+00:00",
			  "pid": 4242,
			  "hostname": "worker-1",
			  "metadata": {
			    "version": "1.0.0"
			  }
			}""";

	@TempDir
	Path directory;

	@Test
	void readsAFileWrittenByThePythonHeartbeat() throws IOException {
		HeartbeatState state = HeartbeatState.read(write(SEED_FILE)).orElseThrow();
		assertThat(state.timestamp()).isEqualTo(Instant.parse("2026-01-12T10:00:00.123456Z"));
		assertThat(state.pid()).isEqualTo(4242);
		assertThat(state.hostname()).isEqualTo("worker-1");
		assertThat(state.metadata()).containsExactly(Map.entry("version", "1.0.0"));
		assertThat(state.status()).isNull();
		assertThat(state.seq()).isZero();
		assertThat(state.interval()).isNull();
		assertThat(state.targets()).isEmpty();
	}

	@Test
	void readsTimestampsPythonWritesWithoutAFraction() throws IOException {
		HeartbeatState state = HeartbeatState
			.read(write("{\"timestamp\": \"2026-01-12T10:00:00+00:00\", \"pid\": 1, \"hostname\": \"h\"}"))
			.orElseThrow();
		assertThat(state.timestamp()).isEqualTo(Instant.parse("2026-01-12T10:00:00Z"));
		assertThat(state.metadata()).isEmpty();
	}

	@Test
	void readsEveryFieldThisLibraryWrites() throws IOException {
		Path file = write(
				"""
						{"timestamp": "2026-01-12T10:00:00.5Z", "pid": 7, "hostname": "h", "metadata": {},
						 "status": "STOPPING", "seq": 12, "interval": 2.5, "targets": {"ws": "ALIVE", "db": "DEAD"}, "extra": 1}""");
		HeartbeatState state = HeartbeatState.read(file).orElseThrow();
		assertThat(state.status()).isEqualTo(HeartbeatStatus.STOPPING);
		assertThat(state.seq()).isEqualTo(12);
		assertThat(state.interval()).isEqualTo(Duration.ofMillis(2500));
		assertThat(state.targets()).containsExactly(Map.entry("ws", TargetStatus.ALIVE),
				Map.entry("db", TargetStatus.DEAD));
		assertThat(state.hasDeadTarget()).isTrue();
	}

	@Test
	void missingFileIsEmptyWithItsProblemNamed() {
		StateFileReading reading = HeartbeatState.inspect(this.directory.resolve("absent.heartbeat"));
		assertThat(reading.state()).isNull();
		assertThat(reading.problem()).endsWith("does not exist");
	}

	@Test
	void emptyFileIsEmpty() throws IOException {
		assertThat(HeartbeatState.inspect(write("")).problem()).endsWith("is empty");
	}

	@Test
	void truncatedFileIsEmpty() throws IOException {
		assertThat(HeartbeatState.inspect(write(SEED_FILE.substring(0, 60))).problem()).contains("is not valid JSON");
	}

	@Test
	void garbageIsEmpty() throws IOException {
		assertThat(HeartbeatState.read(write("not json at all"))).isEmpty();
		assertThat(HeartbeatState.read(write(SEED_FILE + " trailing"))).isEmpty();
	}

	@Test
	void membersThatAreNotPartOfAStateAreSkippedButMustBeValidJson() throws IOException {
		String unknown = "{\"timestamp\": \"2026-01-12T10:00:00+00:00\", \"extra\": {\"deep\": [1, {\"x\": null}]},"
				+ " \"pid\": 1, \"hostname\": \"h\"}";
		assertThat(HeartbeatState.read(write(unknown))).map(HeartbeatState::pid).contains(1L);
		String broken = "{\"timestamp\": \"2026-01-12T10:00:00+00:00\", \"extra\": {\"deep\": [1, }],"
				+ " \"pid\": 1, \"hostname\": \"h\"}";
		assertThat(HeartbeatState.inspect(write(broken)).problem()).contains("is not valid JSON");
		// a syntax error after a wrong type is still what is reported: the file is read
		// whole first
		assertThat(HeartbeatState.inspect(write("{\"pid\": \"1\", \"hostname\": ")).problem())
			.contains("is not valid JSON");
	}

	@Test
	void anIntervalTooLargeToBeOneIsRejectedWithoutComputingIt() throws IOException {
		String state = "{\"timestamp\": \"2026-01-12T10:00:00+00:00\", \"pid\": 1, \"hostname\": \"h\", \"interval\": %s}";
		assertThat(HeartbeatState.inspect(write(state.formatted("1e999999999"))).problem())
			.endsWith("has an 'interval' too large to be one: 1E+999999999");
		assertThat(HeartbeatState.inspect(write(state.formatted("9999999999.5"))).problem())
			.endsWith("has an 'interval' too large to be one: 9999999999.5");
		assertThat(HeartbeatState.read(write(state.formatted("2.5e0")))).map(HeartbeatState::interval)
			.contains(Duration.ofMillis(2500));
	}

	@Test
	void aNumberBeyondWhatJavaHoldsMakesTheFileInvalidAndNeverThrows() throws IOException {
		String state = "{\"timestamp\": \"2026-01-12T10:00:00+00:00\", \"pid\": 1, \"hostname\": \"h\", \"x\": 1E901234567890}";
		assertThat(HeartbeatState.inspect(write(state)).problem()).contains("is not valid JSON: a number out of range");
	}

	@Test
	void aMemberGivenTwiceCountsWithItsLastValue() throws IOException {
		String twice = "{\"timestamp\": \"2026-01-12T10:00:00+00:00\", \"pid\": 1, \"hostname\": \"h\", \"pid\": 2}";
		assertThat(HeartbeatState.read(write(twice))).map(HeartbeatState::pid).contains(2L);
	}

	@Test
	void jsonThatIsNotAnObjectIsEmpty() throws IOException {
		assertThat(HeartbeatState.inspect(write("[1, 2, 3]")).problem()).endsWith("does not hold a JSON object");
		assertThat(HeartbeatState.inspect(write("\"text\"")).problem()).endsWith("does not hold a JSON object");
	}

	@Test
	void incompleteStateIsEmptyWithTheMissingKeyNamed() throws IOException {
		assertThat(
				HeartbeatState.inspect(write("{\"timestamp\": \"2026-01-12T10:00:00+00:00\", \"pid\": 1}")).problem())
			.endsWith("has no 'hostname'");
		assertThat(HeartbeatState.inspect(write("{\"pid\": 1, \"hostname\": \"h\"}")).problem())
			.endsWith("has no 'timestamp'");
	}

	@Test
	void wrongTypesAreEmptyWithTheKeyNamed() throws IOException {
		assertThat(HeartbeatState
			.inspect(write("{\"timestamp\": \"2026-01-12T10:00:00+00:00\", \"pid\": \"1\", \"hostname\": \"h\"}"))
			.problem()).endsWith("has a 'pid' that is not a number");
		assertThat(HeartbeatState
			.inspect(write("{\"timestamp\": \"2026-01-12T10:00:00+00:00\", \"pid\": 1.5, \"hostname\": \"h\"}"))
			.problem()).endsWith("has a 'pid' that is not an integer: 1.5");
		assertThat(HeartbeatState.inspect(write("{\"timestamp\": 12, \"pid\": 1, \"hostname\": \"h\"}")).problem())
			.endsWith("has a 'timestamp' that is not a string");
		assertThat(HeartbeatState.inspect(write(
				"{\"timestamp\": \"2026-01-12T10:00:00+00:00\", \"pid\": 1, \"hostname\": \"h\", \"metadata\": []}"))
			.problem()).endsWith("has a 'metadata' that is not an object");
	}

	@Test
	void timestampsThisLibraryWritesReadBackExactly() throws IOException {
		java.util.Random random = new java.util.Random(7);
		long last = Instant.parse("9999-12-31T23:59:59Z").getEpochSecond();
		for (int i = 0; i < 2_000; i++) {
			Instant timestamp = Instant.ofEpochSecond((long) (random.nextDouble() * last),
					random.nextInt(1_000_000) * 1000L);
			HeartbeatState written = new HeartbeatState(timestamp, 1, "h", Map.of(), null, 1, null, Map.of(),
					timestamp);
			HeartbeatState read = HeartbeatState.read(write(written.toJson())).orElseThrow();
			assertThat(read.timestamp()).isEqualTo(timestamp);
			assertThat(read.staleAfter()).isEqualTo(timestamp);
		}
	}

	@Test
	void timestampOfADayThatDoesNotExistIsEmpty() throws IOException {
		assertThat(HeartbeatState
			.inspect(write("{\"timestamp\": \"2026-02-30T10:00:00.000000+00:00\", \"pid\": 1, \"hostname\": \"h\"}"))
			.problem()).contains("not ISO-8601 with an offset");
		assertThat(HeartbeatState
			.inspect(write("{\"timestamp\": \"2026-01-12T24:00:00.000000+00:00\", \"pid\": 1, \"hostname\": \"h\"}"))
			.problem()).contains("not ISO-8601 with an offset");
	}

	@Test
	void largeFileUnderTheLimitIsReadWhole() throws IOException {
		// the reader sizes its buffer by the file: a large one is read whole, in one
		// buffer
		String padded = SEED_FILE.replace("\"worker-1\"", "\"" + "w".repeat(20_000) + "\"");
		assertThat(HeartbeatState.read(write(padded)).orElseThrow().hostname()).hasSize(20_000);
	}

	@Test
	void timestampWithoutAnOffsetIsEmpty() throws IOException {
		// Python compares it with an aware now() and fails: a naive timestamp is not a
		// heartbeat
		assertThat(HeartbeatState
			.inspect(write("{\"timestamp\": \"2026-01-12T10:00:00\", \"pid\": 1, \"hostname\": \"h\"}"))
			.problem()).contains("not ISO-8601 with an offset");
	}

	@Test
	void invalidUtf8IsEmpty() throws IOException {
		Path file = this.directory.resolve("latin1.heartbeat");
		Files.write(file, "{\"timestamp\": \"2026-01-12T10:00:00+00:00\", \"pid\": 1, \"hostname\": \"caf\u00e9\"}"
			.getBytes(StandardCharsets.ISO_8859_1));
		assertThat(HeartbeatState.inspect(file).problem()).contains("is not valid JSON");
	}

	@Test
	void oversizedFileIsEmptyAndReadOnlyUpToTheLimit() throws IOException {
		Path file = this.directory.resolve("large.heartbeat");
		Files.writeString(file, "{\"pad\": \"" + "x".repeat(HeartbeatState.MAX_FILE_SIZE) + "\"}");
		assertThat(HeartbeatState.inspect(file).problem()).endsWith("is larger than 64 KiB");
	}

	@Test
	void directoryIsEmpty() {
		assertThat(HeartbeatState.inspect(this.directory).problem()).endsWith("is not a regular file");
	}

	@Test
	void fifoIsEmptyWithoutBlocking() throws Exception {
		Path fifo = this.directory.resolve("fifo.heartbeat");
		assumeTrue(mkfifo(fifo), "mkfifo is not available on this machine");
		assertThat(HeartbeatState.inspect(fifo).problem()).endsWith("is not a regular file");
	}

	@Test
	void freshnessIsInclusiveOfMaxAge() {
		MutableClock clock = new MutableClock(Instant.parse("2026-01-12T10:00:30Z"));
		HeartbeatState state = state(Instant.parse("2026-01-12T10:00:00Z"));
		assertThat(state.isFresh(Duration.ofSeconds(30), clock)).isTrue();
		clock.advance(Duration.ofNanos(1000));
		assertThat(state.isFresh(Duration.ofSeconds(30), clock)).isFalse();
	}

	@Test
	void timestampFarInTheFutureIsNotFresh() {
		MutableClock clock = new MutableClock(Instant.parse("2026-01-12T10:00:00Z"));
		assertThat(state(Instant.parse("2026-01-12T10:00:04Z")).isFresh(Duration.ofSeconds(30), clock)).isTrue();
		assertThat(state(Instant.parse("2026-01-12T10:00:06Z")).isFresh(Duration.ofSeconds(30), clock)).isFalse();
	}

	@Test
	void isAliveJudgesTheFileByMaxAge() {
		Path file = this.directory.resolve("app.heartbeat");
		MutableClock clock = new MutableClock(Instant.parse("2026-01-12T10:00:00Z"));
		Heartbeat.builder().stateFile(file).clock(clock).build().beat();
		assertThat(HeartbeatState.isAlive(file, Duration.ofSeconds(30), clock)).isTrue();
		clock.advance(Duration.ofSeconds(30));
		assertThat(HeartbeatState.isAlive(file, Duration.ofSeconds(30), clock)).isTrue();
		clock.advance(Duration.ofMillis(1));
		assertThat(HeartbeatState.isAlive(file, Duration.ofSeconds(30), clock)).isFalse();
	}

	@Test
	void isAliveIsFalseForMissingInvalidAndFutureFiles() throws IOException {
		Path file = this.directory.resolve("app.heartbeat");
		assertThat(HeartbeatState.isAlive(file, Duration.ofSeconds(30))).isFalse();
		Files.writeString(file, "{\"timestamp\": \"yesterday\", \"pid\": 1, \"hostname\": \"h\"}");
		assertThat(HeartbeatState.isAlive(file, Duration.ofSeconds(30))).isFalse();
		Files.writeString(file, "{\"timestamp\": \"2999-01-01T00:00:00+00:00\", \"pid\": 1, \"hostname\": \"h\"}");
		assertThat(HeartbeatState.isAlive(file, Duration.ofSeconds(30))).isFalse();
	}

	private static HeartbeatState state(Instant timestamp) {
		return new HeartbeatState(timestamp, 1, "h", Map.of(), HeartbeatStatus.UP, 1, Duration.ofSeconds(10), Map.of());
	}

	private Path write(String content) throws IOException {
		Path file = Files.createTempFile(this.directory, "state", ".heartbeat");
		return Files.writeString(file, content);
	}

	private static boolean mkfifo(Path path) {
		try {
			return new ProcessBuilder("mkfifo", path.toString()).start().waitFor() == 0;
		}
		catch (IOException ex) {
			return false;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

}
