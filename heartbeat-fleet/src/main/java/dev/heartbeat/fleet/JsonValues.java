package dev.heartbeat.fleet;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;

/**
 * Reads JSON values from a streaming parser into plain Java values, for the readers of fleet
 * stores. (State files have their own reader, {@code dev.heartbeat.JsonReader}.)
 */
final class JsonValues {

	private JsonValues() {
	}

	/**
	 * Read the value that starts at the parser's current token.
	 * @param parser the parser, positioned on {@code token}
	 * @param token the value's first token
	 * @return maps (in document order), lists, strings, numbers ({@code BigDecimal} for fractions),
	 * booleans, or {@code null}
	 */
	static @Nullable Object read(JsonParser parser, JsonToken token) {
		return switch (token) {
			case START_OBJECT -> readObject(parser);
			case START_ARRAY -> readArray(parser);
			case VALUE_STRING -> parser.getString();
			case VALUE_NUMBER_INT -> parser.getNumberValue();
			case VALUE_NUMBER_FLOAT -> parser.getDecimalValue();
			case VALUE_TRUE -> Boolean.TRUE;
			case VALUE_FALSE -> Boolean.FALSE;
			default -> null;
		};
	}

	/**
	 * Read the members of an object whose opening brace the parser has just read.
	 * @param parser the parser, positioned on {@code START_OBJECT}
	 * @return the members, in document order
	 */
	static Map<String, Object> readObject(JsonParser parser) {
		Map<String, Object> object = new LinkedHashMap<>();
		while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
			String name = parser.currentName();
			object.put(name, read(parser, parser.nextToken()));
		}
		return object;
	}

	private static List<@Nullable Object> readArray(JsonParser parser) {
		List<@Nullable Object> array = new ArrayList<>();
		for (JsonToken token = parser.nextToken(); token != JsonToken.END_ARRAY; token = parser.nextToken()) {
			array.add(read(parser, token));
		}
		return array;
	}

}
