package dev.heartbeat;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class StateJsonTests {

	@Test
	void writesExactlyWhatPythonJsonDumpsWithIndentTwoWrites() {
		Map<String, Object> nested = new LinkedHashMap<>();
		nested.put("a", List.of(1, "x", Map.of()));
		nested.put("e", List.of());
		Map<String, Object> metadata = new LinkedHashMap<>();
		metadata.put("version", "1.0.0");
		metadata.put("n", 3);
		metadata.put("ok", true);
		metadata.put("none", null);
		metadata.put("nested", nested);
		metadata.put("text", "caf\u00e9 \"q\" \\ \n\t\u0001\u007f");
		Map<String, TargetStatus> targets = new LinkedHashMap<>();
		targets.put("ws", TargetStatus.ALIVE);
		targets.put("db", TargetStatus.DEAD);
		HeartbeatState state = new HeartbeatState(Instant.parse("2026-01-12T10:00:00.123456Z"), 4242, "host-1", metadata,
				HeartbeatStatus.UP, 7, Duration.ofMillis(1500), targets);
		// the expected text is Python's own json.dumps(state, indent=2) of the same values
		String python = "{\n  \"timestamp\": \"2026-01-12T10:00:00.123456+00:00\",\n  \"pid\": 4242,\n  \"hostname\": \"host-1\",\n  \"metadata\": {\n    \"version\": \"1.0.0\",\n    \"n\": 3,\n    \"ok\": true,\n    \"none\": null,\n    \"nested\": {\n      \"a\": [\n        1,\n        \"x\",\n        {}\n      ],\n      \"e\": []\n    },\n    \"text\": \"caf\\u00e9 \\\"q\\\" \\\\ \\n\\t\\u0001\\u007f\"\n  },\n  \"status\": \"UP\",\n  \"seq\": 7,\n  \"interval\": 1.5,\n  \"targets\": {\n    \"ws\": \"ALIVE\",\n    \"db\": \"DEAD\"\n  }\n}";
		assertThat(StateJson.write(state)).isEqualTo(python);
	}

	@Test
	void theIdentityPartWrittenOnceIsWhatTheStateWouldWrite() {
		Map<String, Object> metadata = new LinkedHashMap<>();
		metadata.put("version", "1.0.0");
		metadata.put("n", 3L);
		metadata.put("ratio", 0.5);
		metadata.put("ok", true);
		metadata.put("status", HeartbeatStatus.UP);
		metadata.put("none", null);
		HeartbeatState state = new HeartbeatState(Instant.parse("2026-01-12T10:00:00.123456Z"), 4242, "h\u00e9", metadata,
				HeartbeatStatus.UP, 7, Duration.ofSeconds(1), Map.of());
		byte[] identity = StateJson.identity(4242, "h\u00e9", state.metadata());
		assertThat(identity).isNotNull();
		JsonBytes json = new JsonBytes(16);
		StateJson.write(state, json, identity);
		assertThat(json.toString()).isEqualTo(StateJson.write(state));
	}

	@Test
	void metadataThatCouldChangeIsNeverWrittenOnce() {
		assertThat(StateJson.identity(1, "h", Map.of("count", new java.util.concurrent.atomic.AtomicLong()))).isNull();
		assertThat(StateJson.identity(1, "h", Map.of("tags", List.of("a")))).isNull();
		assertThat(StateJson.identity(1, "h", Map.of("nested", Map.of("a", "b")))).isNull();
		assertThat(StateJson.identity(1, "h", Map.of("object", new StringBuilder("x")))).isNull();
	}

	@Test
	void truncationToMicrosecondsIsWhatTruncatedToGives() {
		java.util.Random random = new java.util.Random(7);
		for (int i = 0; i < 10_000; i++) {
			Instant instant = Instant.ofEpochSecond(random.nextLong() % 253402300799L, random.nextInt(1_000_000_000));
			assertThat(StateJson.truncate(instant)).isEqualTo(instant.truncatedTo(java.time.temporal.ChronoUnit.MICROS));
		}
		Instant whole = Instant.parse("2026-01-12T10:00:00.123456Z");
		assertThat(StateJson.truncate(whole)).isSameAs(whole);
	}

	@Test
	void timestampHasSixFractionalDigitsAndALiteralUtcOffset() {
		assertThat(StateJson.timestamp(Instant.parse("2026-01-12T10:00:00Z")))
			.isEqualTo("2026-01-12T10:00:00.000000+00:00");
		assertThat(StateJson.timestamp(Instant.parse("2026-01-12T10:00:00.123456789Z")))
			.isEqualTo("2026-01-12T10:00:00.123456+00:00");
	}

	@Test
	void timestampsOfAnyDayAreWrittenAsTheFormatterWritesThem() {
		java.util.Random random = new java.util.Random(42);
		java.util.List<Instant> instants = new java.util.ArrayList<>(List.of(Instant.EPOCH, Instant.EPOCH.minusNanos(1000),
				Instant.parse("2000-02-29T23:59:59.999999Z"), Instant.parse("1900-03-01T00:00:00Z"),
				Instant.parse("0000-01-01T00:00:00Z"), Instant.parse("0000-02-29T23:59:59.999999Z"),
				Instant.parse("0000-03-01T00:00:00Z"), Instant.parse("9999-12-31T23:59:59.999999Z"),
				Instant.parse("-0001-12-31T23:59:59Z"), Instant.parse("+10000-01-01T00:00:00Z")));
		long first = Instant.parse("0000-01-01T00:00:00Z").getEpochSecond();
		long last = Instant.parse("9999-12-31T23:59:59Z").getEpochSecond();
		for (int i = 0; i < 10_000; i++) {
			instants.add(Instant.ofEpochSecond(first + (long) (random.nextDouble() * (last - first)),
					random.nextInt(1_000_000) * 1000L));
		}
		for (Instant instant : instants) {
			HeartbeatState state = new HeartbeatState(instant, 1, "h", Map.of(), null, 1, null, Map.of(), instant);
			String expected = "\"" + StateJson.TIMESTAMP.format(instant) + "\"";
			assertThat(StateJson.write(state)).startsWith("{\n  \"timestamp\": " + expected + ",")
				.endsWith("\"staleAfter\": " + expected + "\n}");
		}
	}

	@Test
	void aBufferReusedForAnotherStateHoldsOnlyThatState() {
		JsonBytes json = new JsonBytes(8);
		HeartbeatState longer = new HeartbeatState(Instant.EPOCH, 1, "a-long-host-name", Map.of("k", "v"), null, 1,
				null, Map.of());
		HeartbeatState shorter = new HeartbeatState(Instant.EPOCH, 1, "h", Map.of(), null, 1, null, Map.of());
		StateJson.write(longer, json);
		StateJson.write(shorter, json);
		assertThat(json.toString()).isEqualTo(StateJson.write(shorter));
	}

	@Test
	void wholeSecondsAreWrittenWithoutAFraction() {
		assertThat(StateJson.seconds(Duration.ofSeconds(10))).isEqualTo("10");
		assertThat(StateJson.seconds(Duration.ofMillis(2250))).isEqualTo("2.25");
	}

	@Test
	void numbersJsonCannotCarryAreRejected() {
		assertThatIllegalArgumentException().isThrownBy(() -> StateJson.check(Map.of("load", Double.NaN)))
			.withMessageContaining("NaN");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> StateJson.check(Map.of("load", Float.POSITIVE_INFINITY)))
			.withMessageContaining("Infinity");
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
		StringBuilder json = new StringBuilder();
		HeartbeatState state = new HeartbeatState(Instant.EPOCH, 1, "h",
				Map.of("values", new int[] { 1, 2 }, "status", TargetStatus.DEAD, "took", Duration.ofSeconds(2)), null, 1,
				null, Map.of());
		json.append(StateJson.write(state));
		assertThat(json.toString()).contains("\"values\": [\n      1,\n      2\n    ]")
			.contains("\"status\": \"DEAD\"")
			.contains("\"took\": \"PT2S\"")
			.doesNotContain("\"interval\"");
	}

}
