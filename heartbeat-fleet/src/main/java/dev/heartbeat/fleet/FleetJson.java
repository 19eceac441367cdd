package dev.heartbeat.fleet;

import java.io.StringWriter;
import java.util.Map;

import dev.heartbeat.HeartbeatStatus;
import dev.heartbeat.json.JsonValues;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.json.JsonFactory;

/**
 * Writes and reads the JSON that fleet stores keep: metadata and members' values as
 * compact JSON, mapped as state files map them ({@link JsonValues}). The values are those
 * of a beat's metadata, which the heartbeat already checked JSON can carry.
 */
final class FleetJson {

	private static final JsonFactory JSON = new JsonFactory();

	private FleetJson() {
	}

	static String write(@Nullable Object value) {
		StringWriter text = new StringWriter();
		try (JsonGenerator generator = JSON.createGenerator(ObjectWriteContext.empty(), text)) {
			JsonValues.write(generator, value);
		}
		return text.toString();
	}

	static String quote(String text) {
		return write(text);
	}

	/**
	 * Read a JSON object.
	 * @param json the text
	 * @return its keys and values: maps, lists, strings, numbers, booleans and
	 * {@code null}
	 * @throws IllegalArgumentException if the text is not a JSON object
	 */
	static Map<String, Object> readObject(String json) {
		try (JsonParser parser = JSON.createParser(ObjectReadContext.empty(), json)) {
			JsonToken first = parser.nextToken();
			if (first != JsonToken.START_OBJECT) {
				throw new IllegalArgumentException("not a JSON object: " + abbreviate(json));
			}
			return JsonValues.readObject(parser);
		}
		catch (tools.jackson.core.JacksonException ex) {
			throw new IllegalArgumentException("not valid JSON: " + ex.getOriginalMessage(), ex);
		}
	}

	/**
	 * The status a store holds, or {@code null} for none or one this version does not
	 * know.
	 */
	static @Nullable HeartbeatStatus status(@Nullable String name) {
		if (name == null) {
			return null;
		}
		try {
			return HeartbeatStatus.valueOf(name);
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

	private static String abbreviate(String text) {
		return (text.length() <= 40) ? text : text.substring(0, 40) + "...";
	}

}
