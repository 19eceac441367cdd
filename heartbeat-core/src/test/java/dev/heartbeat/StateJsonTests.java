package dev.heartbeat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import dev.heartbeat.tasks.TaskStatus;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The text of state files, held byte for byte to what Python's
 * {@code json.dumps(state, indent=2)} writes for the same values: the golden files in
 * {@code src/test/resources/dev/heartbeat/golden} were written by Python itself, with
 * {@code make_golden.py} beside them.
 */
class StateJsonTests {

	private static final Instant TIMESTAMP = Instant.parse("2026-01-12T10:00:00.123456Z");

	// the same values as make_golden.py's STRINGS, KEYS and INTEGERS
	private static final List<String> STRINGS = List.of("", "plain", "caf\u00e9", "\u20ac uro", "\uD83D\uDE00",
			"\u007f", "\u0000\u0001\u001f", "\"quoted\"", "back\\slash", "/slash/", "\n\r\t\b\f", "\u2028\u2029",
			"\ufeff", "\ud800", "\udfff", "a\ud83db", " ~!#$%&'()*+,-.:;<=>?@[]^_`{|}");

	// the same as make_golden.py's TARGET_REASON
	private static final String TARGET_REASON = "deadlocked threads: 'caf\u00e9-1' waits for "
			+ "java.util.concurrent.locks.ReentrantLock$NonfairSync@1b6d3586 held by 'worker \"2\"'; "
			+ "'worker \"2\"' waits for java.lang.Object@4554617c held by 'caf\u00e9-1'";

	private static final List<Number> INTEGERS = List.of(0, 1, -1, Integer.MAX_VALUE, Integer.MIN_VALUE, 2147483648L,
			Long.MAX_VALUE, Long.MIN_VALUE, BigInteger.TWO.pow(64), BigInteger.TWO.pow(70).negate(),
			BigInteger.TEN.pow(30));

	@Test
	void aStateAsTheEngineWritesItIsWhatPythonWrites() {
		Map<String, Object> metadata = new LinkedHashMap<>();
		metadata.put("version", "1.0.0");
		metadata.put("app", "sample");
		Map<String, TargetStatus> targets = new LinkedHashMap<>();
		targets.put("ws", TargetStatus.ALIVE);
		targets.put("db", TargetStatus.DEAD);
		assertWritesGolden("engine.json", new HeartbeatState(TIMESTAMP, 4242, "worker-1", metadata, HeartbeatStatus.UP,
				7, Duration.ofSeconds(10), targets, TIMESTAMP.plusSeconds(30)));
		assertWritesGolden("engine-fractional-interval.json", new HeartbeatState(TIMESTAMP, 4242, "worker-1", Map.of(),
				HeartbeatStatus.STOPPING, 12, Duration.ofMillis(1500), Map.of(), TIMESTAMP.plusMillis(4500)));
		assertWritesGolden("engine-minimal.json",
				new HeartbeatState(TIMESTAMP, 4242, "worker-1", Map.of(), null, 0, null, Map.of(), null));
	}

	@Test
	void reasonsOfDeadTargetsAreWrittenAsPythonWritesThem() {
		Map<String, TargetStatus> targets = new LinkedHashMap<>();
		targets.put("deadlock", TargetStatus.DEAD);
		targets.put("db", TargetStatus.ALIVE);
		targets.put("orders", TargetStatus.DEAD);
		Map<String, String> reasons = new LinkedHashMap<>();
		reasons.put("deadlock", TARGET_REASON);
		reasons.put("orders", "stalled \u2026");
		assertWritesGolden("engine-target-reasons.json",
				new HeartbeatState(TIMESTAMP, 4242, "worker-1", Map.of("version", "1.0.0"), HeartbeatStatus.UP, 8,
						Duration.ofSeconds(10), targets, reasons, Map.of(), TIMESTAMP.plusSeconds(30), 0, null, null));
	}

	@Test
	void uncleanRestartsAndTheBeatsTimingAreWrittenAsPythonWritesThem() {
		assertWritesGolden("engine-restarts-and-timing.json",
				new HeartbeatState(TIMESTAMP, 4242, "worker-1", Map.of(), HeartbeatStatus.UP, 3, Duration.ofSeconds(10),
						Map.of(), Map.of(), Map.of(), TIMESTAMP.plusSeconds(30), 2, Duration.ofMillis(1250),
						Duration.ZERO));
	}

	@Test
	void stringsAreEscapedAsPythonEscapesThem() {
		Map<String, Object> keys = new LinkedHashMap<>();
		keys.put("caf\u00e9", 1);
		keys.put("tab\tkey", 2);
		keys.put("quote\"key", 3);
		keys.put("\u0000", 4);
		keys.put("\uD83D\uDE00", 5);
		keys.put("\u007f", 6);
		keys.put("", 7);
		Map<String, Object> metadata = new LinkedHashMap<>();
		metadata.put("values", STRINGS);
		metadata.put("keys", keys);
		metadata.put("hostname", "h\u00f4te");
		assertWritesGolden("strings.json", state(metadata));
	}

	@Test
	void numbersAreWrittenAsPythonWritesThem() {
		Map<String, Object> metadata = new LinkedHashMap<>();
		metadata.put("integers", INTEGERS);
		metadata.put("doubles", doubles("numbers.bits"));
		assertWritesGolden("numbers.json", state(metadata));
	}

	@Test
	void thousandsOfDoublesAreWrittenAsPythonsReprWritesThem() {
		List<Double> doubles = doubles("doubles.bits");
		assertThat(doubles).hasSize(2000);
		assertWritesGolden("doubles.json", state(Map.of("doubles", doubles)));
	}

	@Test
	void nestedAndEmptyContainersAreLaidOutAsPythonLaysThemOut() {
		Map<String, @Nullable Object> leaf = new LinkedHashMap<>();
		leaf.put("c", null);
		leaf.put("d", new boolean[] { true, false });
		Map<String, Object> metadata = new LinkedHashMap<>();
		metadata.put("emptyObject", Map.of());
		metadata.put("emptyArray", new int[0]);
		metadata.put("arrayOfEmptyArray", List.of(List.of()));
		metadata.put("arrayOfEmptyObject", List.of(Map.of()));
		metadata.put("deep", Map.of("a", Map.of("b", List.of(1, List.of(2L, leaf)))));
		metadata.put("mixed", Arrays.asList(1, "x", null, 2.5, Map.of("k", "v")));
		assertWritesGolden("nested.json", state(metadata));
	}

	@Test
	void whatIsWrittenReadsBackAsTheSameState() {
		Map<String, Object> metadata = new LinkedHashMap<>();
		metadata.put("version", "1.0.0");
		metadata.put("n", 3);
		metadata.put("text", String.join("|", STRINGS.subList(0, 13)));
		HeartbeatState state = new HeartbeatState(TIMESTAMP, 4242, "h\u00f4te", metadata, HeartbeatStatus.UP, 7,
				Duration.ofMillis(2250), Map.of("ws", TargetStatus.DEAD), TIMESTAMP.plusSeconds(30));
		assertThat(StateFileReader.parse(StateJson.write(state), "test").state()).isEqualTo(state);
		HeartbeatState withReasons = new HeartbeatState(TIMESTAMP, 4242, "h", metadata, HeartbeatStatus.UP, 8,
				Duration.ofSeconds(10), Map.of("deadlock", TargetStatus.DEAD), Map.of("deadlock", TARGET_REASON),
				Map.of(), TIMESTAMP.plusSeconds(30), 0, null, null);
		assertThat(StateFileReader.parse(StateJson.write(withReasons), "test").state()).isEqualTo(withReasons);
		HeartbeatState withTiming = new HeartbeatState(TIMESTAMP, 4242, "h", metadata, HeartbeatStatus.UP, 9,
				Duration.ofSeconds(10), Map.of(), Map.of(), Map.of(), TIMESTAMP.plusSeconds(30), 3,
				Duration.ofMillis(17), Duration.ofMillis(230));
		assertThat(StateFileReader.parse(StateJson.write(withTiming), "test").state()).isEqualTo(withTiming);
	}

	@Test
	void tasksAreWrittenAfterTheTargetsAndReadBack() {
		Map<String, TaskStatus> tasks = new LinkedHashMap<>();
		tasks.put("reportJob.export", TaskStatus.STUCK);
		tasks.put("cleanup.purge", TaskStatus.OVERDUE);
		HeartbeatState state = new HeartbeatState(TIMESTAMP, 4242, "worker-1", Map.of(), HeartbeatStatus.UP, 3,
				Duration.ofSeconds(10), Map.of("ws", TargetStatus.DEAD), Map.of("ws", "closed"), tasks,
				TIMESTAMP.plusSeconds(30), 0, null, null);
		String text = state.toJson();
		assertThat(text).contains("\n  \"targetReasons\": {\n    \"ws\": \"closed\"\n  },\n  \"tasks\": {\n"
				+ "    \"reportJob.export\": \"STUCK\",\n    \"cleanup.purge\": \"OVERDUE\"\n  },\n  \"staleAfter\"");
		HeartbeatState read = StateFileReader.parse(StateJson.write(state), "test").state();
		assertThat(read).isEqualTo(state);
		assertThat(read.tasks()).containsExactly(Map.entry("reportJob.export", TaskStatus.STUCK),
				Map.entry("cleanup.purge", TaskStatus.OVERDUE));
	}

	@Test
	void aStateWithoutTasksHasNoTasksMember() {
		assertThat(state(Map.of()).toJson()).doesNotContain("tasks");
	}

	@Test
	void aTaskStateUnknownToThisReaderIsSkipped() {
		String text = "{\"timestamp\": \"2026-01-12T10:00:00.000000+00:00\", \"pid\": 1, \"hostname\": \"h\", "
				+ "\"tasks\": {\"a.b\": \"PAUSED\", \"c.d\": \"OK\", \"e.f\": 3}}";
		HeartbeatState read = StateFileReader.parse(text.getBytes(StandardCharsets.UTF_8), "test").state();
		assertThat(read.tasks()).containsExactly(Map.entry("c.d", TaskStatus.OK));
	}

	@Test
	void timestampHasSixFractionalDigitsAndALiteralUtcOffset() {
		assertThat(StateJson.timestamp(Instant.parse("2026-01-12T10:00:00Z")))
			.isEqualTo("2026-01-12T10:00:00.000000+00:00");
		assertThat(StateJson.timestamp(Instant.parse("2026-01-12T10:00:00.123456789Z")))
			.isEqualTo("2026-01-12T10:00:00.123456+00:00");
		assertThat(StateJson.timestamp(Instant.parse("0000-01-01T00:00:00Z")))
			.isEqualTo("0000-01-01T00:00:00.000000+00:00");
	}

	@Test
	void wholeSecondsAreWrittenWithoutAFraction() {
		assertThat(StateJson.seconds(Duration.ofSeconds(10))).isEqualTo("10");
		assertThat(StateJson.seconds(Duration.ofMillis(2250))).isEqualTo("2.25");
		assertThat(StateJson.seconds(Duration.ofNanos(1_000_000_001))).isEqualTo("1.000000001");
	}

	@Test
	void numbersJsonCannotCarryAreRejected() {
		assertThatIllegalArgumentException().isThrownBy(() -> StateJson.check(Map.of("load", Double.NaN)))
			.withMessageContaining("NaN");
		assertThatIllegalArgumentException().isThrownBy(() -> StateJson.check(Map.of("load", Float.POSITIVE_INFINITY)))
			.withMessageContaining("Infinity");
		HeartbeatState state = state(Map.of("load", List.of(Double.NEGATIVE_INFINITY)));
		assertThatIllegalArgumentException().isThrownBy(state::toJson).withMessageContaining("-Infinity");
	}

	@Test
	void aMapThatContainsItselfIsRejected() {
		Map<String, Object> cyclic = new LinkedHashMap<>();
		cyclic.put("self", cyclic);
		assertThatIllegalArgumentException().isThrownBy(() -> StateJson.check(cyclic))
			.withMessageContaining("nests deeper");
	}

	@Test
	void arraysEnumsAndOtherObjectsAreWritten() {
		Map<String, Object> metadata = new LinkedHashMap<>();
		metadata.put("values", new int[] { 1, 2 });
		metadata.put("status", TargetStatus.DEAD);
		metadata.put("took", Duration.ofSeconds(2));
		metadata.put("count", new AtomicLong(Long.MAX_VALUE));
		metadata.put("ratio", 0.1f);
		metadata.put("decimal", new BigDecimal("12.50"));
		assertThat(state(metadata).toJson()).contains("\"values\": [\n      1,\n      2\n    ]")
			.contains("\"status\": \"DEAD\"")
			.contains("\"took\": \"PT2S\"")
			.contains("\"count\": 9223372036854775807")
			.contains("\"ratio\": 0.1,")
			.contains("\"decimal\": 12.50")
			.doesNotContain("\"interval\"");
	}

	private static HeartbeatState state(Map<String, ?> metadata) {
		return new HeartbeatState(TIMESTAMP, 4242, "worker-1", new LinkedHashMap<>(metadata), null, 1, null, Map.of(),
				null);
	}

	private static void assertWritesGolden(String name, HeartbeatState state) {
		byte[] golden = resource(name);
		byte[] written = StateJson.write(state);
		// as text first, for a readable difference; then the bytes themselves
		assertThat(new String(written, StandardCharsets.ISO_8859_1)).as(name)
			.isEqualTo(new String(golden, StandardCharsets.ISO_8859_1));
		assertThat(written).as(name).isEqualTo(golden);
	}

	private static List<Double> doubles(String name) {
		List<Double> doubles = new ArrayList<>();
		for (String line : new String(resource(name), StandardCharsets.US_ASCII).split("\n")) {
			doubles.add(Double.longBitsToDouble(Long.parseUnsignedLong(line, 16)));
		}
		return doubles;
	}

	private static byte[] resource(String name) {
		try (InputStream golden = StateJsonTests.class.getResourceAsStream("golden/" + name)) {
			assertThat(golden).as(name).isNotNull();
			return golden.readAllBytes();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
