package dev.heartbeat.json;

import java.io.StringWriter;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class JsonValuesTests {

	private static final JsonFactory JSON = new JsonFactory();

	private static final JsonMapper TREE = JsonMapper.builder()
		.enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
		.build();

	@Test
	void readsWhatJacksonsTreeModelReadsWithTheSameValues() {
		List<String> documents = List.of("{\"a\": {\"b\": [1, 2.5, \"x\", null, true, false, {}, []]}}", "{}", "[]",
				"0", "-0", "-0.0", "1E5", "1e-5", "2.5E+3", "2147483647", "2147483648", "-2147483648", "-2147483649",
				"9223372036854775807", "9223372036854775808", "-9223372036854775808", "-9223372036854775809",
				"123456789012345678901234567890", "\"\"", " \t\r\n{ \"a\" : [ 1 , 2 ] } \n",
				"{\"a\": 1, \"b\": 2, \"a\": 3}", "{\"\u00e9\u20ac\": \"\uD83D\uDE00\"}", "\"\\u0000\\uD800\"", "true",
				"false", "null", "[[[[]]]]", "\"\u007f\"");
		for (String document : documents) {
			assertThat(read(document)).as(document).isEqualTo(tree(document));
		}
	}

	@Test
	void valuesHaveTheTypesOfJacksonsTreeModel() {
		assertThat(read("{\"a\": 1}")).isInstanceOf(LinkedHashMap.class);
		assertThat(read("[1]")).isInstanceOf(ArrayList.class);
		assertThat(read("-12")).isEqualTo(-12);
		assertThat(read("12345678901")).isEqualTo(12345678901L);
		assertThat(read("12345678901234567890")).isEqualTo(new BigInteger("12345678901234567890"));
		assertThat(read("0.25")).isEqualTo(new BigDecimal("0.25"));
		assertThat(read("1e2")).isEqualTo(new BigDecimal("1e2"));
	}

	@Test
	void aNumberBeyondWhatBigDecimalHoldsIsAParseErrorNotANumberFormatException() {
		try (JsonParser parser = JSON.createParser(ObjectReadContext.empty(), "[1E901234567890]")) {
			parser.nextToken();
			assertThatExceptionOfType(StreamReadException.class).isThrownBy(() -> JsonValues.read(parser))
				.withMessageStartingWith("a number out of range");
		}
	}

	@Test
	void writesEachKindOfValue() {
		Map<Object, @Nullable Object> values = new LinkedHashMap<>();
		values.put("text", "caf\u00e9");
		values.put("none", null);
		values.put(null, true);
		values.put(7, List.of(1, 2L, (short) 3, (byte) 4));
		values.put("array", new long[] { 5, 6 });
		values.put("objects", new Object[] { "x", Map.of() });
		values.put("enum", Thread.State.NEW);
		values.put("other", Duration.ofSeconds(2));
		values.put("counter", new AtomicLong(Long.MIN_VALUE));
		values.put("big", BigInteger.TEN.pow(20));
		values.put("decimal", new BigDecimal("1.50"));
		values.put("double", 1e20);
		values.put("small", 1.5e-5);
		values.put("negativeZero", -0.0);
		values.put("float", 0.1f);
		assertThat(write(values)).isEqualTo("{\"text\":\"caf\u00e9\",\"none\":null,\"null\":true,\"7\":[1,2,3,4],"
				+ "\"array\":[5,6],\"objects\":[\"x\",{}],\"enum\":\"NEW\",\"other\":\"PT2S\","
				+ "\"counter\":-9223372036854775808,\"big\":100000000000000000000,\"decimal\":1.50,\"double\":1e+20,"
				+ "\"small\":1.5e-05,\"negativeZero\":-0.0,\"float\":0.1}");
	}

	@Test
	void whatIsWrittenReadsBack() {
		Map<String, Object> values = new LinkedHashMap<>();
		values.put("list", Arrays.asList(1, "x", null, Map.of("k", List.of())));
		values.put("long", Long.MAX_VALUE);
		values.put("big", BigInteger.TWO.pow(80));
		values.put("text", "\"\\/\n\u0001\u007f\uD83D\uDE00");
		assertThat(read(write(values))).isEqualTo(values);
	}

	@Test
	void numbersJsonCannotCarryAreRefusedByName() {
		assertThatIllegalArgumentException().isThrownBy(() -> JsonValues.check(List.of(1, Double.NaN)))
			.withMessage("holds NaN, which JSON cannot carry");
		assertThatIllegalArgumentException().isThrownBy(() -> JsonValues.check(Map.of("f", Float.NEGATIVE_INFINITY)))
			.withMessage("holds -Infinity, which JSON cannot carry");
	}

	@Test
	void valuesNestAsDeepAsTheLimitAndNoDeeper() {
		JsonValues.check(nested(JsonValues.MAX_DEPTH));
		assertThatIllegalArgumentException().isThrownBy(() -> JsonValues.check(nested(JsonValues.MAX_DEPTH + 1)))
			.withMessage("nests deeper than 32 levels");
		Map<String, Object> cyclic = new LinkedHashMap<>();
		cyclic.put("self", List.of(cyclic));
		assertThatIllegalArgumentException().isThrownBy(() -> JsonValues.check(cyclic));
	}

	// a value with this many levels below it
	private static Object nested(int levels) {
		Object value = "leaf";
		for (int i = 0; i < levels; i++) {
			value = List.of(value);
		}
		return value;
	}

	private static String write(@Nullable Object value) {
		StringWriter text = new StringWriter();
		try (JsonGenerator generator = JSON.createGenerator(ObjectWriteContext.empty(), text)) {
			JsonValues.write(generator, value);
		}
		return text.toString();
	}

	private static @Nullable Object read(String document) {
		try (JsonParser parser = JSON.createParser(ObjectReadContext.empty(), document)) {
			parser.nextToken();
			Object value = JsonValues.read(parser);
			assertThat(parser.nextToken()).as(document).isNull();
			return value;
		}
	}

	private static @Nullable Object tree(String document) {
		return plain(TREE.readTree(document));
	}

	private static @Nullable Object plain(JsonNode node) {
		if (node.isObject()) {
			Map<String, @Nullable Object> object = new LinkedHashMap<>();
			node.properties().forEach((member) -> object.put(member.getKey(), plain(member.getValue())));
			return object;
		}
		if (node.isArray()) {
			List<@Nullable Object> array = new ArrayList<>();
			node.values().forEach((element) -> array.add(plain(element)));
			return array;
		}
		if (node.isString()) {
			return node.stringValue();
		}
		if (node.isNumber()) {
			return node.numberValue();
		}
		return node.isBoolean() ? (Object) node.booleanValue() : null;
	}

}
