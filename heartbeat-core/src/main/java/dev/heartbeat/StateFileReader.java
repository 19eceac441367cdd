package dev.heartbeat;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
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
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * Reads a state file without ever throwing and without reading more than
 * {@link HeartbeatState#MAX_FILE_SIZE} bytes.
 */
final class StateFileReader {

	// a set made once: the varargs form builds one on every read
	private static final Set<OpenOption> READ = Set.of(StandardOpenOption.READ);

	// the form StateJson writes: a '0' stands for any digit
	private static final String WRITTEN_TIMESTAMP = "0000-00-00T00:00:00.000000+00:00";

	private StateFileReader() {
	}

	static StateFileReading read(Path stateFile) {
		return read(stateFile, (content, length) -> null);
	}

	/**
	 * Read a state file, letting its writer recognise content it knows.
	 * @param stateFile the file to read
	 * @param known the state of content the caller wrote itself, so that it is not parsed again
	 * @return the state, or the problem
	 */
	static StateFileReading read(Path stateFile, KnownContent known) {
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
		HeartbeatState state = known.stateOf(content.bytes(), content.length());
		return (state != null) ? StateFileReading.of(state) : parse(content.bytes(), content.length(), stateFile);
	}

	static StateFileReading parse(byte[] content, Object source) {
		return parse(content, content.length, source);
	}

	static StateFileReading parse(byte[] content, int length, Object source) {
		JsonReader reader = new JsonReader(content, length, Fields.NAMES);
		Fields fields = null;
		try {
			if (reader.isEmpty()) {
				return StateFileReading.problem("state file " + source + " is empty");
			}
			if (reader.startObject()) {
				fields = Fields.read(reader);
			}
			else {
				// not a state, but whether it is JSON at all decides which problem is reported
				reader.value();
			}
			if (reader.hasMore()) {
				return StateFileReading.problem("state file " + source + " has content after its JSON value");
			}
		}
		catch (JsonReader.Malformed ex) {
			return StateFileReading.problem("state file " + source + " is not valid JSON: " + ex.getMessage());
		}
		if (fields == null) {
			return StateFileReading.problem("state file " + source + " does not hold a JSON object");
		}
		try {
			return StateFileReading.of(fields.toState());
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
		try (SeekableByteChannel channel = Files.newByteChannel(stateFile, READ)) {
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

	private static <T> T required(@Nullable Object value, String name, Class<T> type) {
		if (value == null) {
			throw new IllegalArgumentException("has no '" + name + "'");
		}
		return typed(value, name, type);
	}

	private static <T> @Nullable T optional(@Nullable Object value, String name, Class<T> type,
			@Nullable T fallback) {
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
		if (seconds instanceof Integer || seconds instanceof Long) {
			return Duration.ofSeconds(seconds.longValue());
		}
		BigDecimal decimal = new BigDecimal(seconds.toString());
		// 1e999999999 is a short text but a long computation: checked before any arithmetic
		if (decimal.precision() - decimal.scale() <= 12) {
			try {
				return Duration.ofNanos(decimal.movePointRight(9).setScale(0, RoundingMode.DOWN).longValueExact());
			}
			catch (ArithmeticException ex) {
				// more nanoseconds than a long holds: said below
			}
		}
		throw new IllegalArgumentException("has an 'interval' too large to be one: " + seconds);
	}

	private static Map<String, TargetStatus> targetStatuses(Map<String, Object> targets) {
		if (targets.isEmpty()) {
			return FrozenMap.empty();
		}
		LinkedHashMap<String, TargetStatus> statuses = new LinkedHashMap<>();
		targets.forEach((name, value) -> {
			if (value instanceof String text) {
				statuses.put(name, "ALIVE".equals(text) ? TargetStatus.ALIVE : TargetStatus.DEAD);
			}
		});
		return FrozenMap.adopt(statuses);
	}

	/**
	 * Recognises the content of a state file that its caller wrote.
	 */
	@FunctionalInterface
	interface KnownContent {

		/**
		 * The state written as exactly these bytes, if the caller knows it.
		 * @param content the bytes read
		 * @param length how many of them
		 * @return the state, or {@code null} to parse the bytes
		 */
		@Nullable HeartbeatState stateOf(byte[] content, int length);

	}

	/**
	 * The members of a state file's object that a state is made of, as they were read (the last of
	 * a name that occurs twice); any other member is skipped.
	 */
	private static final class Fields {

		static final String[] NAMES = { "timestamp", "pid", "hostname", "metadata", "status", "seq", "interval",
				"targets", "staleAfter" };

		private @Nullable Object timestamp;

		private @Nullable Object pid;

		private @Nullable Object hostname;

		private @Nullable Object metadata;

		private @Nullable Object status;

		private @Nullable Object seq;

		private @Nullable Object interval;

		private @Nullable Object targets;

		private @Nullable Object staleAfter;

		static Fields read(JsonReader reader) {
			Fields fields = new Fields();
			for (String name = reader.nextMember(true); name != null; name = reader.nextMember(false)) {
				// any other member is read all the same: a syntax error anywhere makes the file invalid
				Object value = reader.value();
				switch (name) {
					case "timestamp" -> fields.timestamp = value;
					case "pid" -> fields.pid = value;
					case "hostname" -> fields.hostname = value;
					case "metadata" -> fields.metadata = value;
					case "status" -> fields.status = value;
					case "seq" -> fields.seq = value;
					case "interval" -> fields.interval = value;
					case "targets" -> fields.targets = value;
					case "staleAfter" -> fields.staleAfter = value;
					default -> {
					}
				}
			}
			return fields;
		}

		@SuppressWarnings("unchecked")
		HeartbeatState toState() {
			Instant timestamp = timestamp(required(this.timestamp, "timestamp", String.class), "timestamp");
			long pid = integer(required(this.pid, "pid", Number.class), "pid");
			String hostname = required(this.hostname, "hostname", String.class);
			Map<String, Object> metadata = optional(this.metadata, "metadata", Map.class, Map.of());
			HeartbeatStatus status = status(optional(this.status, "status", String.class, null));
			Number seq = optional(this.seq, "seq", Number.class, null);
			Number interval = optional(this.interval, "interval", Number.class, null);
			Map<String, Object> targets = optional(this.targets, "targets", Map.class, Map.of());
			String staleAfter = optional(this.staleAfter, "staleAfter", String.class, null);
			return new HeartbeatState(timestamp, pid, hostname, frozen(metadata), status,
					(seq != null) ? integer(seq, "seq") : 0, (interval != null) ? seconds(interval) : null,
					targetStatuses(targets), (staleAfter != null) ? timestamp(staleAfter, "staleAfter") : null);
		}

		// the reader made this map and lets go of it: the state keeps it rather than a copy
		private static Map<String, Object> frozen(Map<String, Object> map) {
			return (map instanceof LinkedHashMap<String, Object> made) ? FrozenMap.adopt(made) : map;
		}

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
