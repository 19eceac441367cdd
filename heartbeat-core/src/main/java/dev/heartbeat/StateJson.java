package dev.heartbeat;

import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;
import java.util.Locale;
import java.util.Map;

import dev.heartbeat.json.JsonValues;
import dev.heartbeat.tasks.TaskStatus;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.PrettyPrinter;
import tools.jackson.core.SerializableString;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.io.CharacterEscapes;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.core.json.JsonWriteFeature;
import tools.jackson.core.util.DefaultIndenter;
import tools.jackson.core.util.DefaultPrettyPrinter;
import tools.jackson.core.util.Separators;

/**
 * The text of a state file. Written as the Python heartbeat writes it,
 * {@code json.dumps(state, indent=2)}: two-space indents, {@code ": "} between a key and
 * its value, {@code {}} and {@code []} when empty, everything outside printable ASCII
 * escaped as <code>&#92;uxxxx</code>, no trailing newline; so that shell probes and the
 * Python reader see the same text whichever writer made it. Read strictly, within the
 * limits of {@link #parser}.
 */
final class StateJson {

	/**
	 * ISO-8601 in UTC with exactly six fractional digits and a literal {@code +00:00},
	 * the form Python 3.10's {@code datetime.fromisoformat} accepts. The microseconds are
	 * a number of six digits rather than a fraction, whose printer computes with
	 * {@code BigDecimal}.
	 */
	static final DateTimeFormatter TIMESTAMP = new DateTimeFormatterBuilder().appendPattern("uuuu-MM-dd'T'HH:mm:ss.")
		.appendValue(ChronoField.MICRO_OF_SECOND, 6)
		.appendLiteral("+00:00")
		.toFormatter(Locale.ROOT)
		.withZone(ZoneOffset.UTC);

	/**
	 * How deep arrays and objects of a state file may nest.
	 */
	static final int MAX_DEPTH = 500;

	/**
	 * The longest number of a state file: a longer one costs a {@code BigInteger} a
	 * quadratic time.
	 */
	static final int MAX_NUMBER_LENGTH = 1000;

	private static final JsonFactory FILES = JsonFactory.builder()
		.enable(JsonWriteFeature.ESCAPE_NON_ASCII)
		.disable(JsonWriteFeature.WRITE_HEX_UPPER_CASE)
		.disable(JsonWriteFeature.ESCAPE_FORWARD_SLASHES)
		.characterEscapes(new PythonEscapes())
		.streamReadConstraints(StreamReadConstraints.builder()
			.maxDocumentLength(HeartbeatState.MAX_FILE_SIZE)
			.maxNestingDepth(MAX_DEPTH)
			.maxNumberLength(MAX_NUMBER_LENGTH)
			.build())
		.build();

	private static final DefaultPrettyPrinter INDENT_2 = new DefaultPrettyPrinter(Separators.createDefaultInstance()
		.withObjectNameValueSpacing(Separators.Spacing.AFTER)
		.withObjectEmptySeparator("")
		.withArrayEmptySeparator("")).withObjectIndenter(new DefaultIndenter("  ", "\n"))
		.withArrayIndenter(new DefaultIndenter("  ", "\n"));

	private static final ObjectWriteContext PYTHON_LAYOUT = new ObjectWriteContext.Base() {

		@Override
		public PrettyPrinter getPrettyPrinter() {
			// a printer counts its nesting: one for each document
			return INDENT_2.createInstance();
		}

	};

	private StateJson() {
	}

	/**
	 * The text of a state file.
	 * @param state the state to write
	 * @return the JSON text, ASCII only
	 * @throws IllegalArgumentException if the metadata cannot be written (see
	 * {@link JsonValues#write})
	 */
	static byte[] write(HeartbeatState state) {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream(512);
		try (JsonGenerator json = FILES.createGenerator(PYTHON_LAYOUT, bytes)) {
			json.writeStartObject();
			json.writeStringProperty("timestamp", timestamp(state.timestamp()));
			json.writeNumberProperty("pid", state.pid());
			json.writeStringProperty("hostname", state.hostname());
			json.writeName("metadata");
			JsonValues.write(json, state.metadata());
			if (state.status() != null) {
				json.writeStringProperty("status", state.status().name());
			}
			json.writeNumberProperty("seq", state.seq());
			if (state.interval() != null) {
				json.writeName("interval");
				json.writeNumber(seconds(state.interval()));
			}
			json.writeName("targets");
			JsonValues.write(json, state.targets());
			// only while a dead target says why: every other beat is laid out as before
			if (!state.targetReasons().isEmpty()) {
				json.writeName("targetReasons");
				JsonValues.write(json, state.targetReasons());
			}
			// only while scheduled tasks are watched: a file without them is laid out as
			// before
			if (!state.tasks().isEmpty()) {
				json.writeName("tasks");
				json.writeStartObject();
				for (Map.Entry<String, TaskStatus> task : state.tasks().entrySet()) {
					json.writeStringProperty(task.getKey(), task.getValue().name());
				}
				json.writeEndObject();
			}
			// only in a run that followed unclean endings: a clean history adds no key
			if (state.uncleanRestarts() > 0) {
				json.writeNumberProperty("uncleanRestarts", state.uncleanRestarts());
			}
			if (state.lateBy() != null) {
				json.writeNumberProperty("lateBy", state.lateBy().toMillis());
			}
			if (state.maxPause() != null) {
				json.writeNumberProperty("maxPause", state.maxPause().toMillis());
			}
			// last, on a line of its own without a comma: the documented exec probe takes
			// it with sed, so that no key may follow it
			if (state.staleAfter() != null) {
				json.writeStringProperty("staleAfter", timestamp(state.staleAfter()));
			}
			json.writeEndObject();
		}
		return bytes.toByteArray();
	}

	/**
	 * A parser of the text of a state file: strict JSON (Jackson's defaults) no longer
	 * than {@link HeartbeatState#MAX_FILE_SIZE}, nested no deeper than
	 * {@link #MAX_DEPTH}, with no number longer than {@link #MAX_NUMBER_LENGTH}.
	 * @param text the characters that hold the text, decoded already
	 * @param offset where the text starts
	 * @param length how many characters it has
	 * @return the parser, to be closed
	 */
	static JsonParser parser(char[] text, int offset, int length) {
		return FILES.createParser(ObjectReadContext.empty(), text, offset, length);
	}

	static String timestamp(Instant instant) {
		return TIMESTAMP.format(instant);
	}

	/**
	 * Check that a value can be written in a state file, naming what cannot.
	 * @param value the value to check
	 * @throws IllegalArgumentException if the value holds a number JSON cannot carry or
	 * nests too deep (a map that contains itself)
	 */
	static void check(@Nullable Object value) {
		JsonValues.check(value);
	}

	static String seconds(Duration duration) {
		if (duration.getNano() == 0) {
			return Long.toString(duration.getSeconds());
		}
		return BigDecimal.valueOf(duration.getSeconds())
			.add(BigDecimal.valueOf(duration.getNano(), 9))
			.stripTrailingZeros()
			.toPlainString();
	}

	/**
	 * Python's {@code ensure_ascii}: the escapes JSON requires, and DEL, which Python
	 * escapes too ({@link JsonWriteFeature#ESCAPE_NON_ASCII} escapes the rest).
	 */
	private static final class PythonEscapes extends CharacterEscapes {

		private static final long serialVersionUID = 1L;

		private final int[] asciiEscapes = asciiEscapes();

		@Override
		public int[] getEscapeCodesForAscii() {
			return this.asciiEscapes;
		}

		@Override
		public @Nullable SerializableString getEscapeSequence(int ch) {
			return null;
		}

		private static int[] asciiEscapes() {
			int[] escapes = CharacterEscapes.standardAsciiEscapesForJSON();
			escapes[0x7f] = CharacterEscapes.ESCAPE_STANDARD;
			return escapes;
		}

	}

}
