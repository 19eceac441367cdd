package dev.heartbeat;

import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.json.JsonFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * {@link JsonReader} against Jackson's own parser with its default constraints, which read state
 * files before it: the same documents accepted, with the same values, and the same refused.
 */
class JsonReaderTests {

	private static final JsonFactory JACKSON = new JsonFactory();

	private static final Object EMPTY = "<empty>";

	private static final Object REFUSED = "<refused>";

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
			  "targets": {"ws": "ALIVE"},
			  "staleAfter": "2026-01-12T10:00:30.123456+00:00"
			}""";

	@Test
	void readsWhatJacksonReadsWithTheSameValues() {
		List<String> documents = List.of(STATE, "{}", "[]", "0", "-0", "-0.0", "1E5", "1e-5", "2.5E+3", "2147483647",
				"2147483648", "-2147483648", "-2147483649", "9223372036854775807", "9223372036854775808",
				"-9223372036854775808", "-9223372036854775809", "123456789012345678901234567890", "\"\"",
				" \t\r\n{ \"a\" : [ 1 , 2 ] } \n", "{\"a\": 1, \"a\": 2}", "{\"\u00e9\u20ac\": \"\uD83D\uDE00\"}",
				"\"\\u0000\\uD800\"", "true", "false", "null", "[[[[]]]]", "\"\u007f\"");
		for (String document : documents) {
			byte[] bytes = document.getBytes(StandardCharsets.UTF_8);
			assertThat(ours(bytes)).as(document).isEqualTo(jackson(bytes)).isNotEqualTo(REFUSED);
		}
	}

	@Test
	void refusesWhatJacksonRefuses() {
		List<String> documents = List.of("{", "}", "[1,]", "{\"a\":1,}", "{'a': 1}", "{a: 1}", "01", "-01", "1.", ".5",
				"+1", "-", "1e", "1e+", "NaN", "Infinity", "-Infinity", "tru", "truex", "nul", "[1 2]", "{\"a\" 1}",
				"{\"a\":}", "\"abc", "\"\\x\"", "\"\\u12g4\"", "\"a\tb\"", "\"a\nb\"", "// c\n1", "/* c */ 1", "[1]]",
				"{} {}", "1 2", "\"\\", "[", "{\"a\":1", "{\"a\"", "#", "\u00e9");
		for (String document : documents) {
			byte[] bytes = document.getBytes(StandardCharsets.UTF_8);
			assertThat(jackson(bytes)).as(document).isEqualTo(REFUSED);
			assertThat(ours(bytes)).as(document).isEqualTo(REFUSED);
		}
	}

	@Test
	void agreesWithJacksonOnThousandsOfMutatedDocuments() {
		List<byte[]> seeds = List.of(STATE.getBytes(StandardCharsets.UTF_8),
				"{\"a\": [1, -2.5e3, \"x\\ny\", {\"b\": null}], \"c\": true}".getBytes(StandardCharsets.UTF_8),
				"[0, 10, 1e2, \"\u00e9\u20ac\", false]".getBytes(StandardCharsets.UTF_8));
		byte[] alphabet = " \t\n\r{}[],:\"\\/0123456789.eE+-truefalsnbx\u0001\u001f\u007f".getBytes(StandardCharsets.ISO_8859_1);
		Random random = new Random(42);
		int accepted = 0;
		for (int i = 0; i < 20_000; i++) {
			byte[] document = mutate(seeds.get(random.nextInt(seeds.size())), alphabet, random);
			Object expected = jackson(document);
			assertThat(ours(document)).as(new String(document, StandardCharsets.UTF_8)).isEqualTo(expected);
			if (expected != REFUSED) {
				accepted++;
			}
		}
		// the mutations must not all break the documents, or this compares refusals only
		assertThat(accepted).isGreaterThan(1_000);
	}

	@Test
	void refusesMalformedUtf8() {
		int[][] sequences = { { 0x80 }, { 0xc0, 0x80 }, { 0xc3 }, { 0xe2, 0x82 }, { 0xe0, 0x80, 0x80 },
				{ 0xed, 0xa0, 0x80 }, { 0xf4, 0x90, 0x80, 0x80 }, { 0xf5, 0x80, 0x80, 0x80 }, { 0xff } };
		for (int[] sequence : sequences) {
			ByteArrayOutputStream document = new ByteArrayOutputStream();
			document.write('"');
			for (int b : sequence) {
				document.write(b);
			}
			document.write('"');
			assertThat(ours(document.toByteArray())).as(java.util.Arrays.toString(sequence)).isEqualTo(REFUSED);
		}
		assertThat(ours("\"\u00e9\u0800\uFFFD\uD83D\uDE00\"".getBytes(StandardCharsets.UTF_8)))
			.isEqualTo("\u00e9\u0800\uFFFD\uD83D\uDE00");
	}

	@Test
	void nestsAsDeepAsJacksonAllowsAndNoDeeper() {
		byte[] deepest = nested(JsonReader.MAX_DEPTH);
		assertThat(ours(deepest)).isEqualTo(jackson(deepest)).isNotEqualTo(REFUSED);
		byte[] tooDeep = nested(JsonReader.MAX_DEPTH + 1);
		assertThat(jackson(tooDeep)).isEqualTo(REFUSED);
		assertThatExceptionOfType(JsonReader.Malformed.class).isThrownBy(() -> new JsonReader(tooDeep, tooDeep.length).value())
			.withMessageContaining("nested deeper than 500");
	}

	@Test
	void refusesNumbersLongerThanJacksonAllows() {
		byte[] longest = "1".repeat(JsonReader.MAX_NUMBER_LENGTH).getBytes(StandardCharsets.US_ASCII);
		assertThat(ours(longest)).isEqualTo(new BigInteger("1".repeat(JsonReader.MAX_NUMBER_LENGTH)));
		byte[] tooLong = "1".repeat(JsonReader.MAX_NUMBER_LENGTH + 1).getBytes(StandardCharsets.US_ASCII);
		assertThat(ours(tooLong)).isEqualTo(REFUSED);
		assertThat(ours("1e9999999999".getBytes(StandardCharsets.US_ASCII))).isEqualTo(REFUSED);
		assertThat(ours("12345678E901234567890".getBytes(StandardCharsets.US_ASCII))).isEqualTo(REFUSED);
	}

	@Test
	void skipsAByteOrderMarkAndSaysWhereTheTextWentWrong() {
		byte[] marked = { (byte) 0xef, (byte) 0xbb, (byte) 0xbf, '[', '1', ']' };
		assertThat(ours(marked)).isEqualTo(List.of(1));
		assertThatExceptionOfType(JsonReader.Malformed.class)
			.isThrownBy(() -> new JsonReader("[1, x]".getBytes(StandardCharsets.US_ASCII), 6).value())
			.withMessage("unexpected character 'x' where a value was expected at offset 4");
	}

	@Test
	void knownNamesAreReturnedAsTheStringsGiven() {
		String name = new String("timestamp");
		byte[] document = "{\"timestamp\": 1, \"time\": 2, \"timestamps\": 3}".getBytes(StandardCharsets.US_ASCII);
		JsonReader reader = new JsonReader(document, document.length, "time", name);
		assertThat(reader.startObject()).isTrue();
		assertThat(reader.nextMember(true)).isSameAs(name);
		reader.value();
		assertThat(reader.nextMember(false)).isEqualTo("time");
		reader.value();
		assertThat(reader.nextMember(false)).isEqualTo("timestamps").isNotSameAs(name);
		reader.value();
		assertThat(reader.nextMember(false)).isNull();
		assertThat(reader.hasMore()).isFalse();
	}

	@Test
	void valuesHaveTheTypesJacksonGives() {
		Object state = ours(STATE.getBytes(StandardCharsets.UTF_8));
		assertThat(state).isInstanceOf(LinkedHashMap.class);
		@SuppressWarnings("unchecked")
		Map<String, Object> metadata = (Map<String, Object>) ((Map<String, Object>) state).get("metadata");
		assertThat(metadata.get("n")).isEqualTo(-12);
		assertThat(metadata.get("ratio")).isEqualTo(new BigDecimal("0.25"));
		assertThat(metadata.get("big")).isEqualTo(new BigInteger("12345678901234567890"));
		assertThat(metadata.get("list")).isInstanceOf(ArrayList.class);
	}

	private static byte[] nested(int depth) {
		return ("[".repeat(depth) + "]".repeat(depth)).getBytes(StandardCharsets.US_ASCII);
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

	private static Object ours(byte[] document) {
		// with names known in advance, as the state file reader reads: they must change nothing
		JsonReader reader = new JsonReader(document, document.length, "a", "timestamp", "metadata", "text");
		try {
			if (reader.isEmpty()) {
				return EMPTY;
			}
			Object value = reader.value();
			return reader.hasMore() ? REFUSED : (value == null) ? "null" : value;
		}
		catch (JsonReader.Malformed ex) {
			return REFUSED;
		}
	}

	// what the state file reader made of Jackson's tokens before JsonReader
	private static @Nullable Object value(JsonParser parser, JsonToken token) {
		return switch (token) {
			case START_OBJECT -> {
				Map<String, Object> object = new LinkedHashMap<>();
				while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
					String name = parser.currentName();
					object.put(name, value(parser, parser.nextToken()));
				}
				yield object;
			}
			case START_ARRAY -> {
				List<@Nullable Object> array = new ArrayList<>();
				for (JsonToken next = parser.nextToken(); next != JsonToken.END_ARRAY; next = parser.nextToken()) {
					array.add(value(parser, next));
				}
				yield array;
			}
			case VALUE_STRING -> parser.getString();
			case VALUE_NUMBER_INT -> parser.getNumberValue();
			case VALUE_NUMBER_FLOAT -> parser.getDecimalValue();
			case VALUE_TRUE -> Boolean.TRUE;
			case VALUE_FALSE -> Boolean.FALSE;
			default -> null;
		};
	}

	private static Object jackson(byte[] document) {
		try (JsonParser parser = JACKSON.createParser(ObjectReadContext.empty(), document)) {
			JsonToken first = parser.nextToken();
			if (first == null) {
				return EMPTY;
			}
			Object value = value(parser, first);
			return (parser.nextToken() != null) ? REFUSED : (value == null) ? "null" : value;
		}
		catch (JacksonException | NumberFormatException ex) {
			// Jackson throws the latter for an exponent beyond an int (1E9012345678): the state file
			// reader it served let it escape, where the file should have been reported invalid
			return REFUSED;
		}
	}

}
