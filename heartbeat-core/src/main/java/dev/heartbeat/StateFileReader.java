package dev.heartbeat;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import dev.heartbeat.json.JsonValues;
import dev.heartbeat.tasks.TaskStatus;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.TokenStreamLocation;

/**
 * Reads a state file without ever throwing and without reading more than
 * {@link HeartbeatState#MAX_FILE_SIZE} bytes.
 */
final class StateFileReader {

	// a set made once: the varargs form builds one on every read
	private static final Set<OpenOption> READ = Set.of(StandardOpenOption.READ);

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
		ByteBuffer bytes = ByteBuffer.wrap(content, 0, length);
		CharBuffer text = decode(bytes);
		if (text == null) {
			return StateFileReading
				.problem("state file " + source + " is not valid JSON: invalid UTF-8 at offset " + bytes.position());
		}
		// a byte order mark is not JSON, but editors write one in front of UTF-8
		int start = (text.hasRemaining() && text.get(0) == '\uFEFF') ? 1 : 0;
		Fields fields = null;
		try (JsonParser parser = StateJson.parser(text.array(), start, text.limit() - start)) {
			JsonToken first = parser.nextToken();
			if (first == null) {
				return StateFileReading.problem("state file " + source + " is empty");
			}
			if (first == JsonToken.START_OBJECT) {
				fields = Fields.read(parser);
			}
			else {
				// not a state, but whether it is JSON at all decides which problem is
				// reported
				JsonValues.read(parser);
			}
			if (hasMore(parser)) {
				return StateFileReading.problem("state file " + source + " has content after its JSON value");
			}
		}
		catch (JacksonException ex) {
			return StateFileReading.problem("state file " + source + " is not valid JSON: " + describe(ex));
		}
		catch (RuntimeException ex) {
			// never seen: a reader of health must not throw, whatever a parser does
			return StateFileReading.problem("state file " + source + " cannot be parsed: " + ex);
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

	private static boolean hasMore(JsonParser parser) {
		try {
			return parser.nextToken() != null;
		}
		catch (JacksonException ex) {
			// what follows is not even JSON: still content after the value
			return true;
		}
	}

	// Jackson's own words, where it went wrong, on one line
	private static String describe(JacksonException ex) {
		String problem = ex.getOriginalMessage().replaceAll("\\s+", " ");
		TokenStreamLocation location = ex.getLocation();
		return (location != null && location.getLineNr() > 0)
				? problem + " at line " + location.getLineNr() + ", column " + location.getColumnNr() : problem;
	}

	/**
	 * The text of a file, decoded strictly by the JDK and then parsed as characters:
	 * Jackson's parser of bytes lets overlong forms and code points beyond U+10FFFF
	 * through, which Python's reader refuses, and refuses a lone surrogate escaped in a
	 * member name, which Python writes.
	 * @param bytes the file's content, left where decoding stopped
	 * @return the text, or {@code null} if the bytes are not UTF-8
	 */
	private static @Nullable CharBuffer decode(ByteBuffer bytes) {
		// UTF-8 never has more characters than bytes
		CharBuffer text = CharBuffer.allocate(bytes.remaining());
		CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder();
		CoderResult result = decoder.decode(bytes, text, true);
		if (!result.isError()) {
			result = decoder.flush(text);
		}
		return result.isError() ? null : text.flip();
	}

	private static Content readBounded(Path stateFile) throws IOException, UnreadableFile {
		BasicFileAttributes attributes = Files.readAttributes(stateFile, BasicFileAttributes.class);
		if (!attributes.isRegularFile()) {
			// a FIFO would block the reader forever, a directory cannot be read
			throw new UnreadableFile("is not a regular file");
		}
		// sized for the file as it was seen, one byte more to see its end; grown if it
		// was replaced by
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

	private static <T> @Nullable T optional(@Nullable Object value, String name, Class<T> type) {
		return (value != null) ? typed(value, name, type) : null;
	}

	private static <T> T optional(@Nullable Object value, String name, Class<T> type, T fallback) {
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
		try {
			return OffsetDateTime.parse(text).toInstant();
		}
		catch (DateTimeParseException ex) {
			throw new IllegalArgumentException("has a '" + name + "' that is not ISO-8601 with an offset: " + text);
		}
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
		// 1e999999999 is a short text but a long computation: checked before any
		// arithmetic
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

	private static Map<String, String> targetReasons(Map<String, Object> reasons) {
		if (reasons.isEmpty()) {
			return FrozenMap.empty();
		}
		LinkedHashMap<String, String> texts = new LinkedHashMap<>();
		// as for the statuses: a value that is not a string is skipped, not a reason to
		// refuse the beat
		reasons.forEach((name, value) -> {
			if (value instanceof String text) {
				texts.put(name, text);
			}
		});
		return FrozenMap.adopt(texts);
	}

	private static Map<String, TaskStatus> taskStatuses(Map<String, Object> tasks) {
		if (tasks.isEmpty()) {
			return FrozenMap.empty();
		}
		LinkedHashMap<String, TaskStatus> statuses = new LinkedHashMap<>();
		// a state from a newer writer, or not a string: skipped, not a reason to refuse
		// the beat
		tasks.forEach((name, value) -> {
			if (value instanceof String text) {
				try {
					statuses.put(name, TaskStatus.valueOf(text));
				}
				catch (IllegalArgumentException ex) {
					// unknown to this reader
				}
			}
		});
		return FrozenMap.adopt(statuses);
	}

	// the keys that only inform (how the runs before ended, how late a beat was) never
	// make a beat unreadable: a value that is not what they hold is left out
	private static long count(@Nullable Object value) {
		if ((value instanceof Integer || value instanceof Long) && ((Number) value).longValue() >= 0) {
			return ((Number) value).longValue();
		}
		return 0;
	}

	private static @Nullable Duration millis(@Nullable Object value) {
		if (value instanceof Integer || value instanceof Long) {
			return Duration.ofMillis(((Number) value).longValue());
		}
		if (value instanceof Number number && !(value instanceof BigInteger)) {
			BigDecimal decimal = new BigDecimal(number.toString());
			// checked before any arithmetic, as for the interval
			if (decimal.precision() - decimal.scale() <= 12) {
				return Duration.ofNanos(decimal.movePointRight(6).setScale(0, RoundingMode.DOWN).longValue());
			}
		}
		return null;
	}

	/**
	 * The members of a state file's object that a state is made of, as they were read
	 * (the last of a name that occurs twice); any other member is skipped.
	 */
	private static final class Fields {

		private @Nullable Object timestamp;

		private @Nullable Object pid;

		private @Nullable Object hostname;

		private @Nullable Object metadata;

		private @Nullable Object status;

		private @Nullable Object seq;

		private @Nullable Object interval;

		private @Nullable Object targets;

		private @Nullable Object targetReasons;

		private @Nullable Object tasks;

		private @Nullable Object staleAfter;

		private @Nullable Object uncleanRestarts;

		private @Nullable Object lateBy;

		private @Nullable Object maxPause;

		static Fields read(JsonParser parser) {
			Fields fields = new Fields();
			for (String name = parser.nextName(); name != null; name = parser.nextName()) {
				parser.nextToken();
				// any other member is read all the same: a syntax error anywhere makes
				// the file invalid
				Object value = JsonValues.read(parser);
				switch (name) {
					case "timestamp" -> fields.timestamp = value;
					case "pid" -> fields.pid = value;
					case "hostname" -> fields.hostname = value;
					case "metadata" -> fields.metadata = value;
					case "status" -> fields.status = value;
					case "seq" -> fields.seq = value;
					case "interval" -> fields.interval = value;
					case "targets" -> fields.targets = value;
					case "targetReasons" -> fields.targetReasons = value;
					case "tasks" -> fields.tasks = value;
					case "staleAfter" -> fields.staleAfter = value;
					case "uncleanRestarts" -> fields.uncleanRestarts = value;
					case "lateBy" -> fields.lateBy = value;
					case "maxPause" -> fields.maxPause = value;
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
			HeartbeatStatus status = status(optional(this.status, "status", String.class));
			Number seq = optional(this.seq, "seq", Number.class);
			Number interval = optional(this.interval, "interval", Number.class);
			Map<String, Object> targets = optional(this.targets, "targets", Map.class, Map.of());
			Map<String, Object> reasons = optional(this.targetReasons, "targetReasons", Map.class, Map.of());
			Map<String, Object> tasks = optional(this.tasks, "tasks", Map.class, Map.of());
			String staleAfter = optional(this.staleAfter, "staleAfter", String.class);
			return new HeartbeatState(timestamp, pid, hostname, frozen(metadata), status,
					(seq != null) ? integer(seq, "seq") : 0, (interval != null) ? seconds(interval) : null,
					targetStatuses(targets), targetReasons(reasons), taskStatuses(tasks),
					(staleAfter != null) ? timestamp(staleAfter, "staleAfter") : null, count(this.uncleanRestarts),
					millis(this.lateBy), millis(this.maxPause));
		}

		// the reader made this map and lets go of it: the state keeps it rather than a
		// copy
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
