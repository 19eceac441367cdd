package dev.heartbeat.json;

import java.io.OutputStream;
import java.lang.reflect.Array;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAccumulator;
import java.util.concurrent.atomic.LongAdder;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.core.json.JsonFactory;

/**
 * How the values of a heartbeat's metadata are written as JSON and read back, on
 * Jackson's streaming API: one mapping for the state files of the engine and the stores
 * of the fleet.
 * <p>
 * Written: {@code null}, booleans, numbers (integers exactly, floating-point numbers as
 * Python's {@code repr} writes them), maps as objects (keys by {@link String#valueOf}),
 * iterables and arrays as arrays, enum constants by name, anything else by
 * {@code toString()}. Read: objects as {@link LinkedHashMap}s in document order, arrays
 * as {@link ArrayList}s, strings, integers as {@code Integer}, {@code Long} or
 * {@link BigInteger}, other numbers as {@link BigDecimal}, booleans and {@code null}.
 *
 * @since 0.1.0
 */
public final class JsonValues {

	/**
	 * How deep values may nest below the one written: deeper is a map that contains
	 * itself.
	 */
	public static final int MAX_DEPTH = 32;

	private static final JsonFactory CHECKING = new JsonFactory();

	private JsonValues() {
	}

	/**
	 * Write a value.
	 * @param generator where to write it
	 * @param value the value
	 * @throws IllegalArgumentException if the value holds a number JSON cannot carry (NaN
	 * or an infinity) or nests deeper than {@link #MAX_DEPTH} levels
	 */
	public static void write(JsonGenerator generator, @Nullable Object value) {
		write(generator, value, 0);
	}

	/**
	 * Check that a value can be written, naming what cannot.
	 * @param value the value to check
	 * @throws IllegalArgumentException if the value holds a number JSON cannot carry (NaN
	 * or an infinity) or nests deeper than {@link #MAX_DEPTH} levels
	 */
	public static void check(@Nullable Object value) {
		try (JsonGenerator generator = CHECKING.createGenerator(ObjectWriteContext.empty(),
				OutputStream.nullOutputStream())) {
			write(generator, value);
		}
	}

	/**
	 * Read the value that starts at the parser's current token.
	 * @param parser the parser, positioned on the value's first token
	 * @return the value
	 * @throws tools.jackson.core.JacksonException if the text is not JSON, breaks the
	 * parser's constraints, or holds a number out of the range of {@link BigDecimal}
	 */
	public static @Nullable Object read(JsonParser parser) {
		JsonToken token = parser.currentToken();
		if (token == null) {
			throw new StreamReadException(parser, "no value where one was expected");
		}
		return switch (token) {
			case START_OBJECT -> readObject(parser);
			case START_ARRAY -> readElements(parser);
			case VALUE_STRING -> parser.getString();
			case VALUE_NUMBER_INT -> parser.getNumberValue();
			case VALUE_NUMBER_FLOAT -> decimal(parser);
			case VALUE_TRUE -> Boolean.TRUE;
			case VALUE_FALSE -> Boolean.FALSE;
			case VALUE_NULL -> null;
			default ->
				throw new StreamReadException(parser, "unexpected token " + token + " where a value was expected");
		};
	}

	/**
	 * Read the members of the object whose opening brace the parser is on.
	 * @param parser the parser, positioned on {@link JsonToken#START_OBJECT}
	 * @return the members in document order (the last value of a name given twice);
	 * values may be {@code null}
	 * @throws tools.jackson.core.JacksonException if the text is not JSON
	 */
	public static Map<String, Object> readObject(JsonParser parser) {
		Map<String, Object> members = new LinkedHashMap<>();
		for (String name = parser.nextName(); name != null; name = parser.nextName()) {
			parser.nextToken();
			members.put(name, read(parser));
		}
		return members;
	}

	private static List<@Nullable Object> readElements(JsonParser parser) {
		List<@Nullable Object> elements = new ArrayList<>();
		while (parser.nextToken() != JsonToken.END_ARRAY) {
			elements.add(read(parser));
		}
		return elements;
	}

	private static BigDecimal decimal(JsonParser parser) {
		try {
			return parser.getDecimalValue();
		}
		catch (NumberFormatException ex) {
			// an exponent beyond what BigDecimal holds (1E901234567890): Jackson lets it
			// out unwrapped
			throw new StreamReadException(parser, "a number out of range", ex);
		}
	}

	private static void write(JsonGenerator generator, @Nullable Object value, int depth) {
		if (depth > MAX_DEPTH) {
			throw new IllegalArgumentException("nests deeper than " + MAX_DEPTH + " levels");
		}
		if (value == null) {
			generator.writeNull();
		}
		else if (value instanceof String text) {
			generator.writeString(text);
		}
		else if (value instanceof Boolean bool) {
			generator.writeBoolean(bool);
		}
		else if (value instanceof Number number) {
			writeNumber(generator, number);
		}
		else if (value instanceof Map<?, ?> map) {
			generator.writeStartObject();
			for (Map.Entry<?, ?> entry : map.entrySet()) {
				generator.writeName(String.valueOf(entry.getKey()));
				write(generator, entry.getValue(), depth + 1);
			}
			generator.writeEndObject();
		}
		else if (value instanceof Iterable<?> elements) {
			generator.writeStartArray();
			for (Object element : elements) {
				write(generator, element, depth + 1);
			}
			generator.writeEndArray();
		}
		else if (value.getClass().isArray()) {
			generator.writeStartArray();
			for (int i = 0; i < Array.getLength(value); i++) {
				write(generator, Array.get(value, i), depth + 1);
			}
			generator.writeEndArray();
		}
		else if (value instanceof Enum<?> constant) {
			generator.writeString(constant.name());
		}
		else {
			generator.writeString(value.toString());
		}
	}

	private static void writeNumber(JsonGenerator generator, Number number) {
		if (number instanceof Integer || number instanceof Long || number instanceof Short || number instanceof Byte
				|| number instanceof AtomicInteger || number instanceof AtomicLong || number instanceof LongAdder
				|| number instanceof LongAccumulator) {
			generator.writeNumber(number.longValue());
		}
		else if (number instanceof BigInteger big) {
			generator.writeNumber(big);
		}
		else if (number instanceof BigDecimal decimal) {
			generator.writeNumber(decimal);
		}
		else if (number instanceof Float single) {
			checkFinite(single.isInfinite() || single.isNaN(), number);
			generator.writeNumber(PythonFloats.repr(single));
		}
		else {
			double value = number.doubleValue();
			checkFinite(!Double.isFinite(value), number);
			generator.writeNumber(PythonFloats.repr(value));
		}
	}

	private static void checkFinite(boolean notFinite, Number number) {
		if (notFinite) {
			throw new IllegalArgumentException("holds " + number + ", which JSON cannot carry");
		}
	}

}
