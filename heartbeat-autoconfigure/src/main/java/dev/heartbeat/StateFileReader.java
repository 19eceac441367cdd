package dev.heartbeat;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.json.JsonFactory;

/**
 * Reads a state file without ever throwing and without reading more than
 * {@link HeartbeatState#MAX_FILE_SIZE} bytes.
 */
final class StateFileReader {

	private static final JsonFactory JSON = new JsonFactory();

	// the form StateJson writes: a '0' stands for any digit
	private static final String WRITTEN_TIMESTAMP = "0000-00-00T00:00:00.000000+00:00";

	private StateFileReader() {
	}

	static StateFileReading read(Path stateFile) {
		Content content;
		try {
			content = readBounded(stateFile);
		}
		catch (NoSuchFileException ex) {
			return StateFileReading.problem("state file " + stateFile + " does not exist");
		}
		catch (IOException | RuntimeException ex) {
			return StateFileReading.problem("state file " + stateFile + " cannot be read: " + ex);
		}
		catch (UnreadableFile ex) {
			return StateFileReading.problem("state file " + stateFile + " " + ex.getMessage());
		}
		return parse(content.bytes(), content.length(), stateFile);
	}

	static StateFileReading parse(byte[] content, Object source) {
		return parse(content, content.length, source);
	}

	static StateFileReading parse(byte[] content, int length, Object source) {
		Object root;
		try (JsonParser parser = JSON.createParser(ObjectReadContext.empty(), content, 0, length)) {
			JsonToken first = parser.nextToken();
			if (first == null) {
				return StateFileReading.problem("state file " + source + " is empty");
			}
			root = JsonValues.read(parser, first);
			if (parser.nextToken() != null) {
				return StateFileReading.problem("state file " + source + " has content after its JSON value");
			}
		}
		catch (JacksonException ex) {
			return StateFileReading.problem("state file " + source + " is not valid JSON: " + ex.getOriginalMessage());
		}
		if (!(root instanceof Map<?, ?> fields)) {
			return StateFileReading.problem("state file " + source + " does not hold a JSON object");
		}
		try {
			return StateFileReading.of(toState(fields));
		}
		catch (IllegalArgumentException ex) {
			return StateFileReading.problem("state file " + source + " " + ex.getMessage());
		}
	}

	private static Content readBounded(Path stateFile) throws IOException, UnreadableFile {
		BasicFileAttributes attributes = Files.readAttributes(stateFile, BasicFileAttributes.class);
		if (!attributes.isRegularFile()) {
			// a FIFO would block the reader forever, a directory cannot be read
			throw new UnreadableFile("is not a regular file");
		}
		// sized for the file as it was seen, one byte more to see its end; grown if it was replaced by
		// a larger one meanwhile, never past the limit
		ByteBuffer buffer = ByteBuffer.allocate((int) Math.min(attributes.size(), HeartbeatState.MAX_FILE_SIZE) + 1);
		try (SeekableByteChannel channel = Files.newByteChannel(stateFile, StandardOpenOption.READ)) {
			while (channel.read(buffer) >= 0) {
				if (!buffer.hasRemaining()) {
					if (buffer.capacity() > HeartbeatState.MAX_FILE_SIZE) {
						break;
					}
					int capacity = (int) Math.min(2L * buffer.capacity(), HeartbeatState.MAX_FILE_SIZE + 1L);
					buffer = ByteBuffer.allocate(capacity).put(buffer.flip());
				}
			}
		}
		if (buffer.position() > HeartbeatState.MAX_FILE_SIZE) {
			throw new UnreadableFile("is larger than " + HeartbeatState.MAX_FILE_SIZE / 1024 + " KiB");
		}
		return new Content(buffer.array(), buffer.position());
	}

	@SuppressWarnings("unchecked")
	private static HeartbeatState toState(Map<?, ?> fields) {
		Instant timestamp = timestamp(required(fields, "timestamp", String.class), "timestamp");
		long pid = integer(required(fields, "pid", Number.class), "pid");
		String hostname = required(fields, "hostname", String.class);
		Map<String, Object> metadata = optional(fields, "metadata", Map.class, Map.of());
		HeartbeatStatus status = status(optional(fields, "status", String.class, null));
		Number seq = optional(fields, "seq", Number.class, null);
		Number interval = optional(fields, "interval", Number.class, null);
		Map<String, Object> targets = optional(fields, "targets", Map.class, Map.of());
		String staleAfter = optional(fields, "staleAfter", String.class, null);
		return new HeartbeatState(timestamp, pid, hostname, metadata, status, (seq != null) ? integer(seq, "seq") : 0,
				(interval != null) ? seconds(interval) : null, targetStatuses(targets),
				(staleAfter != null) ? timestamp(staleAfter, "staleAfter") : null);
	}

	private static <T> T required(Map<?, ?> fields, String name, Class<T> type) {
		Object value = fields.get(name);
		if (value == null) {
			throw new IllegalArgumentException("has no '" + name + "'");
		}
		return typed(value, name, type);
	}

	private static <T> @Nullable T optional(Map<?, ?> fields, String name, Class<T> type, @Nullable T fallback) {
		Object value = fields.get(name);
		return (value != null) ? typed(value, name, type) : fallback;
	}

	private static <T> T typed(Object value, String name, Class<T> type) {
		if (!type.isInstance(value)) {
			throw new IllegalArgumentException("has a '" + name + "' that is not " + describe(type));
		}
		return type.cast(value);
	}

	private static String describe(Class<?> type) {
		if (type == Map.class) {
			return "an object";
		}
		return (type == Number.class) ? "a number" : "a string";
	}

	private static Instant timestamp(String text, String name) {
		Instant written = writtenTimestamp(text);
		if (written != null) {
			return written;
		}
		try {
			return OffsetDateTime.parse(text).toInstant();
		}
		catch (DateTimeParseException ex) {
			throw new IllegalArgumentException("has a '" + name + "' that is not ISO-8601 with an offset: " + text);
		}
	}

	/**
	 * The instant of a timestamp in the form this library writes
	 * ({@code 2026-01-12T10:00:00.123456+00:00}), read without a formatter's cost.
	 * @return the instant, or {@code null} for any other form, left to {@link OffsetDateTime#parse}
	 */
	private static @Nullable Instant writtenTimestamp(String text) {
		if (text.length() != WRITTEN_TIMESTAMP.length()) {
			return null;
		}
		for (int i = 0; i < text.length(); i++) {
			char expected = WRITTEN_TIMESTAMP.charAt(i);
			char c = text.charAt(i);
			if ((expected == '0') ? (c < '0' || c > '9') : (c != expected)) {
				return null;
			}
		}
		int hour = digits(text, 11, 2);
		int minute = digits(text, 14, 2);
		int second = digits(text, 17, 2);
		if (hour > 23 || minute > 59 || second > 59) {
			return null;
		}
		try {
			long epochDay = LocalDate.of(digits(text, 0, 4), digits(text, 5, 2), digits(text, 8, 2)).toEpochDay();
			return Instant.ofEpochSecond(epochDay * 86400 + hour * 3600 + minute * 60 + second,
					digits(text, 20, 6) * 1000L);
		}
		catch (DateTimeException ex) {
			// not a date (February 30th): the formatter says why
			return null;
		}
	}

	private static int digits(String text, int start, int count) {
		int value = 0;
		for (int i = start; i < start + count; i++) {
			value = value * 10 + (text.charAt(i) - '0');
		}
		return value;
	}

	private static long integer(Number number, String name) {
		if (number instanceof BigInteger big && big.bitLength() < 64) {
			return big.longValue();
		}
		if (number instanceof Integer || number instanceof Long) {
			return number.longValue();
		}
		throw new IllegalArgumentException("has a '" + name + "' that is not an integer: " + number);
	}

	private static @Nullable HeartbeatStatus status(@Nullable String text) {
		if (text == null) {
			return null;
		}
		try {
			return HeartbeatStatus.valueOf(text.toUpperCase(Locale.ROOT));
		}
		catch (IllegalArgumentException ex) {
			// a status from a newer writer: the state stays readable, its status unknown
			return null;
		}
	}

	private static Duration seconds(Number seconds) {
		BigDecimal nanos = new BigDecimal(seconds.toString()).movePointRight(9);
		return Duration.ofNanos(nanos.longValue());
	}

	private static Map<String, TargetStatus> targetStatuses(Map<String, Object> targets) {
		Map<String, TargetStatus> statuses = new LinkedHashMap<>();
		targets.forEach((name, value) -> {
			if (value instanceof String text) {
				statuses.put(name, "ALIVE".equals(text) ? TargetStatus.ALIVE : TargetStatus.DEAD);
			}
		});
		return statuses;
	}

	/**
	 * The bytes read from a state file: the first {@code length} of {@code bytes}.
	 */
	private record Content(byte[] bytes, int length) {
	}

	/**
	 * A file that exists but cannot hold a heartbeat.
	 */
	private static final class UnreadableFile extends Exception {

		private static final long serialVersionUID = 1L;

		UnreadableFile(String message) {
			super(message, null, false, false);
		}

	}

}
