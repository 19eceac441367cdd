package dev.heartbeat;

import java.lang.reflect.Array;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
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

	private static final long SECONDS_PER_DAY = 86400;

	// the years written by hand, 0 to 9999; the formatter writes the others
	private static final long FIRST_SECOND_OF_YEAR_0 = -62167219200L;

	private static final long LAST_SECOND_OF_YEAR_9999 = 253402300799L;

	private static final long FIRST_SECOND_OF_MARCH_YEAR_0 = FIRST_SECOND_OF_YEAR_0 + 60 * SECONDS_PER_DAY;

	private static final char[] HEX = "0123456789abcdef".toCharArray();

	// the text between the values, as bytes: copied whole on every beat rather than char by char
	private static final byte[] TIMESTAMP_KEY = ascii("{\n  \"timestamp\": ");

	private static final byte[] STATUS_KEY = ascii(",\n  \"status\": ");

	private static final byte[] SEQ_KEY = ascii(",\n  \"seq\": ");

	private static final byte[] INTERVAL_KEY = ascii(",\n  \"interval\": ");

	private static final byte[] TARGETS_KEY = ascii(",\n  \"targets\": ");

	private static final byte[] STALE_AFTER_KEY = ascii(",\n  \"staleAfter\": ");

	private static final byte[] END = ascii("\n}");

	private static final byte[] UTC_OFFSET = ascii("+00:00\"");

	private static final byte[][] STATUS_VALUES = Arrays.stream(HeartbeatStatus.values())
		.map((status) -> ascii("\"" + status.name() + "\""))
		.toArray(byte[][]::new);

	private StateJson() {
	}

	static String timestamp(Instant instant) {
		return TIMESTAMP.format(instant);
	}

	/**
	 * Write a timestamp as {@link #TIMESTAMP} does, in quotes, without its allocations for the
	 * years 0 to 9999 (the formatter writes the others).
	 */
	private static void timestamp(JsonBytes json, Instant instant) {
		long epochSecond = instant.getEpochSecond();
		if (epochSecond < FIRST_SECOND_OF_YEAR_0 || epochSecond > LAST_SECOND_OF_YEAR_9999) {
			string(json, timestamp(instant));
			return;
		}
		// counted from 0000-03-01, where the algorithm's eras start: every quantity below fits an int
		long sinceMarchOfYear0 = epochSecond - FIRST_SECOND_OF_MARCH_YEAR_0;
		int dayOfEra0 = (int) Math.floorDiv(sinceMarchOfYear0, SECONDS_PER_DAY);
		int seconds = (int) Math.floorMod(sinceMarchOfYear0, SECONDS_PER_DAY);
		// days to civil date: Howard Hinnant's algorithm, on a calendar whose years start in March
		int era = Math.floorDiv(dayOfEra0, 146097);
		int dayOfEra = dayOfEra0 - era * 146097;
		int yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146096) / 365;
		int dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100);
		int shiftedMonth = (5 * dayOfYear + 2) / 153;
		int day = dayOfYear - (153 * shiftedMonth + 2) / 5 + 1;
		int month = (shiftedMonth < 10) ? shiftedMonth + 3 : shiftedMonth - 9;
		int year = yearOfEra + era * 400 + ((month <= 2) ? 1 : 0);
		json.append('"').appendPadded(year, 4).append('-').appendPadded(month, 2).append('-');
		json.appendPadded(day, 2).append('T').appendPadded(seconds / 3600, 2).append(':');
		json.appendPadded(seconds / 60 % 60, 2).append(':').appendPadded(seconds % 60, 2).append('.');
		json.appendPadded(instant.getNano() / 1000, 6);
		json.append(UTC_OFFSET);
	}


	private static byte[] ascii(String text) {
		return text.getBytes(StandardCharsets.US_ASCII);
	}

	static Instant truncate(Instant instant) {
		// what truncatedTo(MICROS) gives, without its general arithmetic for any unit
		int nanos = instant.getNano();
		return (nanos % 1000 == 0) ? instant : Instant.ofEpochSecond(instant.getEpochSecond(), nanos - nanos % 1000);
	}

	static String write(HeartbeatState state) {
		JsonBytes json = new JsonBytes(512);
		write(state, json);
		return json.toString();
	}

	/**
	 * Write a state into a buffer, replacing what it held.
	 * @param state the state to write
	 * @param json the buffer, reused from beat to beat
	 */
	static void write(HeartbeatState state, JsonBytes json) {
		write(state, json, null);
	}

	/**
	 * Write a state into a buffer, replacing what it held.
	 * @param state the state to write
	 * @param json the buffer, reused from beat to beat
	 * @param identity the state's {@link #identity identity part}, written once before, or
	 * {@code null} to write it from the state
	 */
	static void write(HeartbeatState state, JsonBytes json, byte @Nullable [] identity) {
		json.reset();
		json.append(TIMESTAMP_KEY);
		timestamp(json, state.timestamp());
		if (identity != null) {
			json.append(identity);
		}
		else {
			identity(json, state.pid(), state.hostname(), state.metadata());
		}
		if (state.status() != null) {
			json.append(STATUS_KEY).append(STATUS_VALUES[state.status().ordinal()]);
		}
		json.append(SEQ_KEY).append(state.seq());
		if (state.interval() != null) {
			json.append(INTERVAL_KEY);
			seconds(json, state.interval());
		}
		json.append(TARGETS_KEY);
		value(json, state.targets(), 1);
		if (state.staleAfter() != null) {
			json.append(STALE_AFTER_KEY);
			timestamp(json, state.staleAfter());
		}
		json.append(END);
	}

	/**
	 * The part of a state between its timestamp and its status ({@code pid}, {@code hostname},
	 * {@code metadata}), written once for a heartbeat whose metadata cannot change: every value a
	 * string, a boolean, a boxed number or an enum constant.
	 * @param pid the process id
	 * @param hostname the host name
	 * @param metadata the static metadata
	 * @return the bytes, or {@code null} if a value could change from beat to beat (a mutable
	 * number, a collection, any other object)
	 */
	static byte @Nullable [] identity(long pid, String hostname, Map<String, Object> metadata) {
		for (Object value : metadata.values()) {
			if (!isImmutable(value)) {
				return null;
			}
		}
		JsonBytes json = new JsonBytes(256);
		identity(json, pid, hostname, metadata);
		return Arrays.copyOf(json.bytes(), json.length());
	}

	private static boolean isImmutable(@Nullable Object value) {
		return value == null || value instanceof String || value instanceof Boolean || value instanceof Enum<?>
				|| value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte
				|| value instanceof Double || value instanceof Float || value instanceof BigDecimal
				|| value instanceof BigInteger;
	}

	private static void identity(JsonBytes json, long pid, String hostname, Map<String, Object> metadata) {
		json.append(",\n  \"pid\": ").append(pid);
		json.append(",\n  \"hostname\": ");
		string(json, hostname);
		json.append(",\n  \"metadata\": ");
		value(json, metadata, 1);
	}

	/**
	 * Check that a value can be written, naming what cannot.
	 * @param value the value to check
	 * @throws IllegalArgumentException if the value holds a number JSON cannot carry or nests too
	 * deep (a map that contains itself)
	 */
	static void check(@Nullable Object value) {
		value(new JsonBytes(256), value, 0);
	}

	private static void seconds(JsonBytes json, Duration duration) {
		if (duration.getNano() == 0) {
			json.append(duration.getSeconds());
		}
		else {
			json.append(seconds(duration));
		}
	}

	static String seconds(Duration duration) {
		BigDecimal seconds = BigDecimal.valueOf(duration.getSeconds())
			.add(BigDecimal.valueOf(duration.getNano(), 9))
			.stripTrailingZeros();
		return (seconds.scale() <= 0) ? seconds.toBigInteger().toString() : seconds.toPlainString();
	}

	private static void value(JsonBytes json, @Nullable Object value, int depth) {
		if (depth > MAX_DEPTH) {
			throw new IllegalArgumentException("nests deeper than " + MAX_DEPTH + " levels");
		}
		if (value == null) {
			json.append("null");
		}
		else if (value instanceof Boolean bool) {
			json.append(bool ? "true" : "false");
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

	private static void number(JsonBytes json, Number number) {
		if ((number instanceof Double || number instanceof Float) && !Double.isFinite(number.doubleValue())) {
			throw new IllegalArgumentException("holds " + number + ", which JSON cannot carry");
		}
		if (number instanceof Integer || number instanceof Long || number instanceof Short || number instanceof Byte) {
			json.append(number.longValue());
		}
		else {
			json.append(number.toString());
		}
	}

	private static void object(JsonBytes json, Map<?, ?> map, int depth) {
		// asked first: a heartbeat without targets then makes no iterator on every beat
		if (map.isEmpty()) {
			json.append("{}");
			return;
		}
		Iterator<? extends Map.Entry<?, ?>> entries = map.entrySet().iterator();
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

	private static void array(JsonBytes json, Iterable<?> elements, int depth) {
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

	private static void newline(JsonBytes json, int depth) {
		json.append('\n');
		indent(json, depth);
	}

	private static void indent(JsonBytes json, int depth) {
		for (int i = 0; i < depth; i++) {
			json.append("  ");
		}
	}

	private static void string(JsonBytes json, String text) {
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
