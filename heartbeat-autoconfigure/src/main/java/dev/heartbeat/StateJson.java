package dev.heartbeat;

import java.lang.reflect.Array;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * Writes a state as the Python heartbeat does ({@code json.dumps(state, indent=2)}: two-space
 * indents, {@code ": "} between a key and its value, ASCII only, no trailing newline), so that
 * shell probes and the Python reader see the same text whichever writer made it.
 */
final class StateJson {

	/**
	 * ISO-8601 in UTC with exactly six fractional digits and a literal {@code +00:00}, the form
	 * Python 3.10's {@code datetime.fromisoformat} accepts.
	 */
	static final DateTimeFormatter TIMESTAMP = DateTimeFormatter
		.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'+00:00'")
		.withZone(ZoneOffset.UTC);

	private static final int MAX_DEPTH = 32;

	private static final char[] HEX = "0123456789abcdef".toCharArray();

	private StateJson() {
	}

	static String timestamp(Instant instant) {
		return TIMESTAMP.format(instant);
	}

	static Instant truncate(Instant instant) {
		return instant.truncatedTo(ChronoUnit.MICROS);
	}

	static String write(HeartbeatState state) {
		StringBuilder json = new StringBuilder(256);
		json.append("{\n  \"timestamp\": ");
		string(json, timestamp(state.timestamp()));
		json.append(",\n  \"pid\": ").append(state.pid());
		json.append(",\n  \"hostname\": ");
		string(json, state.hostname());
		json.append(",\n  \"metadata\": ");
		value(json, state.metadata(), 1);
		if (state.status() != null) {
			json.append(",\n  \"status\": ");
			string(json, state.status().name());
		}
		json.append(",\n  \"seq\": ").append(state.seq());
		if (state.interval() != null) {
			json.append(",\n  \"interval\": ").append(seconds(state.interval()));
		}
		json.append(",\n  \"targets\": ");
		value(json, state.targets(), 1);
		if (state.staleAfter() != null) {
			json.append(",\n  \"staleAfter\": ");
			string(json, timestamp(state.staleAfter()));
		}
		return json.append("\n}").toString();
	}

	/**
	 * Check that a value can be written, naming what cannot.
	 * @param value the value to check
	 * @throws IllegalArgumentException if the value holds a number JSON cannot carry or nests too
	 * deep (a map that contains itself)
	 */
	static void check(@Nullable Object value) {
		value(new StringBuilder(), value, 0);
	}

	static String seconds(Duration duration) {
		BigDecimal seconds = BigDecimal.valueOf(duration.getSeconds())
			.add(BigDecimal.valueOf(duration.getNano(), 9))
			.stripTrailingZeros();
		return (seconds.scale() <= 0) ? seconds.toBigInteger().toString() : seconds.toPlainString();
	}

	private static void value(StringBuilder json, @Nullable Object value, int depth) {
		if (depth > MAX_DEPTH) {
			throw new IllegalArgumentException("nests deeper than " + MAX_DEPTH + " levels");
		}
		if (value == null) {
			json.append("null");
		}
		else if (value instanceof Boolean) {
			json.append(value);
		}
		else if (value instanceof Number number) {
			number(json, number);
		}
		else if (value instanceof Map<?, ?> map) {
			object(json, map, depth);
		}
		else if (value instanceof Iterable<?> iterable) {
			array(json, iterable, depth);
		}
		else if (value.getClass().isArray()) {
			array(json, arrayElements(value), depth);
		}
		else if (value instanceof Enum<?> constant) {
			string(json, constant.name());
		}
		else {
			string(json, value.toString());
		}
	}

	private static void number(StringBuilder json, Number number) {
		if ((number instanceof Double || number instanceof Float) && !Double.isFinite(number.doubleValue())) {
			throw new IllegalArgumentException("holds " + number + ", which JSON cannot carry");
		}
		json.append(number);
	}

	private static void object(StringBuilder json, Map<?, ?> map, int depth) {
		Iterator<? extends Map.Entry<?, ?>> entries = map.entrySet().iterator();
		if (!entries.hasNext()) {
			json.append("{}");
			return;
		}
		json.append('{');
		while (entries.hasNext()) {
			Map.Entry<?, ?> entry = entries.next();
			newline(json, depth + 1);
			string(json, String.valueOf(entry.getKey()));
			json.append(": ");
			value(json, entry.getValue(), depth + 1);
			json.append(entries.hasNext() ? "," : "");
		}
		newline(json, depth);
		json.append('}');
	}

	private static void array(StringBuilder json, Iterable<?> elements, int depth) {
		Iterator<?> iterator = elements.iterator();
		if (!iterator.hasNext()) {
			json.append("[]");
			return;
		}
		json.append('[');
		while (iterator.hasNext()) {
			newline(json, depth + 1);
			value(json, iterator.next(), depth + 1);
			json.append(iterator.hasNext() ? "," : "");
		}
		newline(json, depth);
		json.append(']');
	}

	private static List<@Nullable Object> arrayElements(Object array) {
		int length = Array.getLength(array);
		List<@Nullable Object> elements = new ArrayList<>(length);
		for (int i = 0; i < length; i++) {
			elements.add(Array.get(array, i));
		}
		return elements;
	}

	private static void newline(StringBuilder json, int depth) {
		json.append('\n');
		indent(json, depth);
	}

	private static void indent(StringBuilder json, int depth) {
		for (int i = 0; i < depth; i++) {
			json.append("  ");
		}
	}

	private static void string(StringBuilder json, String text) {
		json.append('"');
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			switch (c) {
				case '"' -> json.append("\\\"");
				case '\\' -> json.append("\\\\");
				case '\n' -> json.append("\\n");
				case '\r' -> json.append("\\r");
				case '\t' -> json.append("\\t");
				case '\b' -> json.append("\\b");
				case '\f' -> json.append("\\f");
				default -> {
					if (c < 0x20 || c > 0x7e) {
						json.append("\\u").append(HEX[c >> 12 & 0xf]).append(HEX[c >> 8 & 0xf])
							.append(HEX[c >> 4 & 0xf]).append(HEX[c & 0xf]);
					}
					else {
						json.append(c);
					}
				}
			}
		}
		json.append('"');
	}

}
