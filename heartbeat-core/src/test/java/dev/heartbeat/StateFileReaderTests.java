package dev.heartbeat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The reading of state files held to Jackson's tree model (databind's {@code readTree},
 * with Jackson's default strictness): the same documents accepted with the same values,
 * and the same refused; never an exception, whatever the bytes.
 */
class StateFileReaderTests {

	private static final JsonMapper TREE = JsonMapper.builder()
		.enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS, DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
		.build();

	private static final String STATE = """
			{
			  "timestamp": "2026-01-12T10:00:00.123456+00:00",
			  "pid": 4242,
			  "hostname": "worker-1",
			  "metadata": {
			    "version": "1.0.0",
			    "n": -12,
			    "ratio": 0.25,
			    "big": 12345678901234567890,
			    "ok": true,
			    "none": null,
			    "list": [1, "x", {}, [], false],
			    "text": "caf\\u00e9 \\"q\\" \\\\ \\/ \\b\\f\\n\\r\\t \\ud83d\\ude00"
			  },
			  "status": "UP",
			  "seq": 7,
			  "interval": 1.5e0,
			  "targets": {"ws": "ALIVE", "db": "DEAD"},
			  "targetReasons": {"db": "connection refused"},
			  "staleAfter": "2026-01-12T10:00:30.123456+00:00"
			}""";

	@TempDir
	Path directory;

	@Test
	void refusesWhatJacksonsTreeModelRefuses() {
		List<String> documents = List.of("{", "}", "[1,]", "{\"a\":1,}", "{'a': 1}", "{a: 1}", "01", "-01", "1.", ".5",
				"+1", "-", "1e", "1e+", "NaN", "Infinity", "-Infinity", "tru", "truex", "nul", "[1 2]", "{\"a\" 1}",
				"{\"a\":}", "\"abc", "\"\\x\"", "\"\\u12g4\"", "\"a\tb\"", "\"a\nb\"", "// c\n1", "/* c */ 1", "[1]]",
				"{} {}", "1 2", "\"\\", "[", "{\"a\":1", "{\"a\"", "#", "\u00e9");
		for (String document : documents) {
			assertThat(tree(document)).as(document).isEqualTo(Verdict.REFUSED);
			assertThat(parse(document).problem()).as(document)
				.containsAnyOf("is not valid JSON", "has content after its JSON value");
		}
	}

	@Test
	void mutatedDocumentsNeverMakeReadingThrowAndGetTheTreeModelsAnswers() throws IOException {
		List<byte[]> seeds = List.of(STATE.getBytes(StandardCharsets.UTF_8),
				"{\"timestamp\": \"2026-01-12T10:00:00+00:00\", \"pid\": 1, \"hostname\": \"h\", \"metadata\": {\"a\": [1, -2.5e3, \"x\\ny\", {\"b\": null}], \"c\": true}}"
					.getBytes(StandardCharsets.UTF_8),
				"[0, 10, 1e2, \"\u00e9\u20ac\uD83D\uDE00\", false]".getBytes(StandardCharsets.UTF_8));
		byte[] alphabet = " \t\n\r{}[],:\"\\/0123456789.eE+-truefalsnbx\u0001\u001f\u007f"
			.getBytes(StandardCharsets.ISO_8859_1);
		Path file = this.directory.resolve("mutated.heartbeat");
		Random random = new Random(42);
		int states = 0;
		int valid = 0;
		for (int i = 0; i < 20_000; i++) {
			byte[] document = mutate(seeds.get(random.nextInt(seeds.size())), alphabet, random);
			Files.write(file, document);
			// through the public API, on a real file: it must never throw
			StateFileReading reading = HeartbeatState.inspect(file);
			String text = utf8(document);
			Object expected = (text != null) ? tree(text) : Verdict.NOT_UTF8;
			String as = new String(document, StandardCharsets.UTF_8);
			if (expected == Verdict.NOT_UTF8) {
				assertThat(reading.problem()).as(as).contains("is not valid JSON: invalid UTF-8 at offset");
			}
			else if (expected == Verdict.REFUSED) {
				assertThat(reading.problem()).as(as)
					.containsAnyOf("is not valid JSON", "has content after its JSON value");
			}
			else if (expected == Verdict.EMPTY) {
				assertThat(reading.problem()).as(as).endsWith("is empty");
			}
			else if (!(expected instanceof Map<?, ?> object)) {
				valid++;
				assertThat(reading.problem()).as(as).endsWith("does not hold a JSON object");
			}
			else {
				valid++;
				HeartbeatState state = reading.state();
				if (state != null) {
					states++;
					assertThat(state.pid()).as(as).isEqualTo(((Number) object.get("pid")).longValue());
					assertThat(state.hostname()).as(as).isEqualTo(object.get("hostname"));
					Object metadata = object.get("metadata");
					assertThat(canonical(state.metadata())).as(as).isEqualTo((metadata != null) ? metadata : Map.of());
				}
				else {
					// valid JSON that is not a state: a member is missing or of the wrong
					// kind
					assertThat(reading.problem()).as(as)
						.doesNotContain("is not valid JSON")
						.doesNotContain("content after")
						.containsPattern(" has (no|an?) '");
				}
			}
		}
		// the mutations must not all break the documents, or this compares refusals only
		assertThat(valid).isGreaterThan(2_000);
		assertThat(states).isGreaterThan(500);
	}

	@Test
	void targetReasonsAreReadAsAnObjectOfStrings() {
		assertThat(parse(STATE).state().targetReasons()).containsExactly(Map.entry("db", "connection refused"));
		assertThat(parse(state("{}")).state().targetReasons()).isEmpty();
		// as in 'targets', a value of another kind is skipped, and anything but an object
		// refused
		assertThat(parse(state("{}", "{\"db\": \"refused\", \"ws\": 1, \"feed\": null}")).state().targetReasons())
			.containsExactly(Map.entry("db", "refused"));
		assertThat(parse(state("{}", "[\"refused\"]")).problem())
			.isEqualTo("state file test has a 'targetReasons' that is not an object");
		assertThat(parse(state("{}", "\"refused\"")).problem())
			.isEqualTo("state file test has a 'targetReasons' that is not an object");
	}

	@Test
	void refusesMalformedUtf8AsPythonsReaderDoes() {
		// overlong forms and code points beyond U+10FFFF included, which Jackson's own
		// decoding lets through
		int[][] sequences = { { 0x80 }, { 0xc0, 0x80 }, { 0xc1, 0xbf }, { 0xc3 }, { 0xe2, 0x82 }, { 0xe0, 0x80, 0x80 },
				{ 0xed, 0xa0, 0x80 }, { 0xf0, 0x80, 0x80, 0x80 }, { 0xf4, 0x90, 0x80, 0x80 },
				{ 0xf5, 0x80, 0x80, 0x80 }, { 0xff } };
		for (int[] sequence : sequences) {
			ByteArrayOutputStream document = new ByteArrayOutputStream();
			document.writeBytes("{\"text\": \"a".getBytes(StandardCharsets.US_ASCII));
			for (int b : sequence) {
				document.write(b);
			}
			document.writeBytes("\"}".getBytes(StandardCharsets.US_ASCII));
			assertThat(StateFileReader.parse(document.toByteArray(), "test").problem()).as(Arrays.toString(sequence))
				.isEqualTo("state file test is not valid JSON: invalid UTF-8 at offset 11");
		}
		assertThat(metadataOf("{\"text\": \"\u00e9\u0800\uFFFD\uD83D\uDE00\"}")).containsEntry("text",
				"\u00e9\u0800\uFFFD\uD83D\uDE00");
	}

	@Test
	void loneSurrogatesEscapedInNamesAndValuesReadBackAsWritten() {
		// Python writes them so, and so does the writer: a key of a lone surrogate must
		// read back
		Map<String, Object> metadata = Map.of("\ud800", "\udfff", "a\udbffb", List.of("\ud83d"));
		HeartbeatState state = new HeartbeatState(java.time.Instant.EPOCH, 1, "h", metadata, null, 1, null, Map.of());
		assertThat(state.toJson()).contains("\"\\ud800\": \"\\udfff\"");
		assertThat(StateFileReader.parse(state.toJson().getBytes(StandardCharsets.US_ASCII), "test").state())
			.isEqualTo(state);
	}

	@Test
	void nestsAsDeepAsTheLimitAndNoDeeper() {
		assertThat(parse(nested(StateJson.MAX_DEPTH)).problem()).endsWith("does not hold a JSON object");
		assertThat(parse(nested(StateJson.MAX_DEPTH + 1)).problem()).contains("is not valid JSON")
			.contains("nesting depth (501) exceeds the maximum allowed (500");
		String deepMetadata = "{\"deep\": " + nested(StateJson.MAX_DEPTH - 2) + "}";
		assertThat(metadataOf(deepMetadata)).containsKey("deep");
	}

	@Test
	void refusesNumbersLongerThanTheLimit() {
		String longest = "1".repeat(StateJson.MAX_NUMBER_LENGTH);
		assertThat(metadataOf("{\"n\": " + longest + "}")).containsEntry("n", new BigInteger(longest));
		assertThat(parse(state("{\"n\": " + longest + "1}")).problem()).contains("is not valid JSON")
			.contains("exceeds the maximum allowed (1000");
		assertThat(parse(state("{\"n\": 1e9999999999}")).problem())
			.contains("is not valid JSON: a number out of range");
		assertThat(parse(state("{\"n\": 12345678E901234567890}")).problem()).contains("is not valid JSON");
	}

	@Test
	void refusesDocumentsLongerThanAStateFileMayBe() {
		// a file is never read past the limit: this is the parser's own bound, behind
		// that one
		String padded = state("{\"pad\": \"" + "x".repeat(HeartbeatState.MAX_FILE_SIZE) + "\"}");
		assertThat(parse(padded).problem()).contains("is not valid JSON").contains("Document length");
	}

	@Test
	void skipsAByteOrderMarkAndSaysWhereTheTextWentWrong() {
		byte[] state = state("{}").getBytes(StandardCharsets.UTF_8);
		byte[] marked = new byte[state.length + 3];
		marked[0] = (byte) 0xef;
		marked[1] = (byte) 0xbb;
		marked[2] = (byte) 0xbf;
		System.arraycopy(state, 0, marked, 3, state.length);
		assertThat(StateFileReader.parse(marked, "test").state()).isNotNull();
		assertThat(parse("{\"pid\": 1,\n \"x\": [1, x]}").problem()).startsWith("state file test is not valid JSON: ")
			.contains("'x'")
			.endsWith(" at line 2, column 11");
	}

	@Test
	void valuesHaveTheTypesOfJacksonsTreeModel() {
		Map<String, Object> metadata = metadataOf(
				"{\"n\": -12, \"l\": 12345678901, \"big\": 12345678901234567890, \"ratio\": 0.25, \"list\": [1, {}]}");
		assertThat(metadata).isInstanceOf(Map.class);
		assertThat(metadata.get("n")).isEqualTo(-12);
		assertThat(metadata.get("l")).isEqualTo(12345678901L);
		assertThat(metadata.get("big")).isEqualTo(new BigInteger("12345678901234567890"));
		assertThat(metadata.get("ratio")).isEqualTo(new BigDecimal("0.25"));
		assertThat(metadata.get("list")).isInstanceOf(ArrayList.class);
		assertThat(((List<?>) metadata.get("list")).get(1)).isInstanceOf(LinkedHashMap.class);
	}

	private static String state(String metadata) {
		return "{\"timestamp\": \"2026-01-12T10:00:00+00:00\", \"pid\": 1, \"hostname\": \"h\", \"metadata\": "
				+ metadata + "}";
	}

	private static String state(String metadata, String targetReasons) {
		String state = state(metadata);
		return state.substring(0, state.length() - 1) + ", \"targetReasons\": " + targetReasons + "}";
	}

	private static Map<String, Object> metadataOf(String metadata) {
		StateFileReading reading = parse(state(metadata));
		assertThat(reading.problem()).isNull();
		return reading.state().metadata();
	}

	private static StateFileReading parse(String document) {
		return StateFileReader.parse(document.getBytes(StandardCharsets.UTF_8), "test");
	}

	private static String nested(int depth) {
		return "[".repeat(depth) + "]".repeat(depth);
	}

	private static byte[] mutate(byte[] seed, byte[] alphabet, Random random) {
		List<Byte> bytes = new ArrayList<>();
		for (byte b : seed) {
			bytes.add(b);
		}
		int mutations = 1 + random.nextInt(3);
		for (int m = 0; m < mutations && !bytes.isEmpty(); m++) {
			int at = random.nextInt(bytes.size());
			switch (random.nextInt(4)) {
				case 0 -> bytes.set(at, alphabet[random.nextInt(alphabet.length)]);
				case 1 -> bytes.add(at, alphabet[random.nextInt(alphabet.length)]);
				case 2 -> bytes.remove(at);
				default -> bytes.subList(at, bytes.size()).clear();
			}
		}
		byte[] document = new byte[bytes.size()];
		for (int i = 0; i < document.length; i++) {
			document[i] = bytes.get(i);
		}
		return document;
	}

	private static @Nullable String utf8(byte[] document) {
		try {
			return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(document)).toString();
		}
		catch (CharacterCodingException ex) {
			return null;
		}
	}

	// what the tree model makes of a text: plain values (canonical numbers), or a verdict
	private static Object tree(String text) {
		JsonNode node;
		try {
			node = TREE.readTree(text);
		}
		catch (JacksonException | NumberFormatException ex) {
			// the tree model lets the latter out for an exponent beyond an int
			// (1E901234567890)
			return Verdict.REFUSED;
		}
		return (node == null || node.isMissingNode()) ? Verdict.EMPTY : Verdict.valueOf(node);
	}

	// the same plain values, with numbers compared by value rather than by scale
	private static @Nullable Object canonical(@Nullable Object value) {
		if (value instanceof Map<?, ?> map) {
			Map<String, @Nullable Object> copy = new LinkedHashMap<>();
			map.forEach((key, element) -> copy.put((String) key, canonical(element)));
			return copy;
		}
		if (value instanceof List<?> list) {
			List<@Nullable Object> copy = new ArrayList<>();
			list.forEach((element) -> copy.add(canonical(element)));
			return copy;
		}
		if (value instanceof BigDecimal decimal) {
			return (decimal.signum() == 0) ? BigDecimal.ZERO : decimal.stripTrailingZeros();
		}
		return value;
	}

	private enum Verdict {

		REFUSED, EMPTY, NOT_UTF8;

		static @Nullable Object valueOf(JsonNode node) {
			if (node.isObject()) {
				Map<String, @Nullable Object> object = new LinkedHashMap<>();
				node.properties().forEach((member) -> object.put(member.getKey(), valueOf(member.getValue())));
				return object;
			}
			if (node.isArray()) {
				List<@Nullable Object> array = new ArrayList<>();
				node.values().forEach((element) -> array.add(valueOf(element)));
				return array;
			}
			if (node.isString()) {
				return node.stringValue();
			}
			if (node.isNumber()) {
				return canonical(node.numberValue());
			}
			if (node.isBoolean()) {
				return node.booleanValue();
			}
			return null;
		}

	}

}
