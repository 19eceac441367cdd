package dev.heartbeat;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * Reads one JSON document (RFC 8259, UTF-8) from the bytes of a state file into the values Jackson's
 * streaming parser gives: {@link LinkedHashMap}s in document order, {@link ArrayList}s, strings,
 * {@code Integer}, {@code Long} or {@link BigInteger} for integers, {@link BigDecimal} for the
 * others, booleans and {@code null}. As strict as Jackson's defaults: no comments, trailing commas,
 * {@code NaN}, leading zeros, unescaped control characters or malformed UTF-8.
 * <p>
 * A state file is read on every health check; a general-purpose parser spent more on setting
 * itself up than on a file of 300 bytes.
 */
final class JsonReader {

	/**
	 * How deep arrays and objects may nest, as in Jackson's default constraints.
	 */
	static final int MAX_DEPTH = 500;

	/**
	 * The longest number read, as in Jackson's default constraints: a longer one costs a
	 * {@link BigInteger} a quadratic time.
	 */
	static final int MAX_NUMBER_LENGTH = 1000;

	private final byte[] bytes;

	private final int end;

	private final byte[][] knownNames;

	private final String[] names;

	private int at;

	/**
	 * Start reading a document.
	 * @param bytes the bytes that hold it
	 * @param length how many of them
	 * @param names member names expected in the document, returned as these very strings rather
	 * than new ones when they are read
	 */
	JsonReader(byte[] bytes, int length, String... names) {
		this.bytes = bytes;
		this.end = length;
		this.names = names;
		this.knownNames = new byte[names.length][];
		for (int i = 0; i < names.length; i++) {
			this.knownNames[i] = names[i].getBytes(StandardCharsets.ISO_8859_1);
		}
		// a byte order mark is not JSON, but editors write one in front of UTF-8
		if (length >= 3 && (bytes[0] & 0xff) == 0xef && (bytes[1] & 0xff) == 0xbb && (bytes[2] & 0xff) == 0xbf) {
			this.at = 3;
		}
	}

	/**
	 * Whether the document holds only whitespace.
	 * @return {@code true} if there is no value
	 */
	boolean isEmpty() {
		skipWhitespace();
		return this.at == this.end;
	}

	/**
	 * Whether the document's value is an object, whose members {@link #nextMember()} then reads.
	 * @return {@code true} after the object's opening brace
	 */
	boolean startObject() {
		skipWhitespace();
		if (this.at < this.end && this.bytes[this.at] == '{') {
			this.at++;
			return true;
		}
		return false;
	}

	/**
	 * The name of the next member of the object {@link #startObject()} (or a nested object) opened,
	 * whose value is read next.
	 * @param first whether no member was read yet
	 * @return the name, or {@code null} after the object's closing brace
	 * @throws Malformed if the text is not JSON
	 */
	@Nullable String nextMember(boolean first) {
		skipWhitespace();
		if (peek() == '}' && first) {
			this.at++;
			return null;
		}
		if (!first) {
			byte next = next();
			if (next == '}') {
				return null;
			}
			if (next != ',') {
				throw unexpected(next, "',' or '}'");
			}
			skipWhitespace();
		}
		return name();
	}

	/**
	 * Read the next value, whatever it is.
	 * @return the value
	 * @throws Malformed if the text is not JSON
	 */
	@Nullable Object value() {
		return value(1);
	}

	/**
	 * Whether anything but whitespace follows the value read.
	 * @return {@code true} if more content follows
	 */
	boolean hasMore() {
		skipWhitespace();
		return this.at < this.end;
	}

	private @Nullable Object value(int depth) {
		skipWhitespace();
		byte first = next();
		return switch (first) {
			case '{' -> object(depth);
			case '[' -> array(depth);
			case '"' -> string();
			case 't' -> literal("rue", Boolean.TRUE);
			case 'f' -> literal("alse", Boolean.FALSE);
			case 'n' -> literal("ull", null);
			default -> {
				if (first == '-' || (first >= '0' && first <= '9')) {
					this.at--;
					yield number();
				}
				throw unexpected(first, "a value");
			}
		};
	}

	private Map<String, Object> object(int depth) {
		checkDepth(depth);
		Map<String, Object> members = new LinkedHashMap<>();
		for (String name = nextMember(true); name != null; name = nextMember(false)) {
			members.put(name, value(depth + 1));
		}
		return members;
	}

	private List<@Nullable Object> array(int depth) {
		checkDepth(depth);
		List<@Nullable Object> elements = new ArrayList<>();
		skipWhitespace();
		if (peek() == ']') {
			this.at++;
			return elements;
		}
		while (true) {
			elements.add(value(depth + 1));
			skipWhitespace();
			byte next = next();
			if (next == ']') {
				return elements;
			}
			if (next != ',') {
				throw unexpected(next, "',' or ']'");
			}
		}
	}

	private String name() {
		byte quote = next();
		if (quote != '"') {
			throw unexpected(quote, "a member name in double quotes");
		}
		String name = knownName();
		if (name == null) {
			name = string();
		}
		skipWhitespace();
		byte colon = next();
		if (colon != ':') {
			throw unexpected(colon, "':'");
		}
		return name;
	}

	private @Nullable String knownName() {
		for (int i = 0; i < this.knownNames.length; i++) {
			byte[] known = this.knownNames[i];
			int close = this.at + known.length;
			if (close < this.end && this.bytes[close] == '"'
					&& Arrays.equals(this.bytes, this.at, close, known, 0, known.length)) {
				this.at = close + 1;
				return this.names[i];
			}
		}
		return null;
	}

	private String string() {
		int start = this.at;
		// the common case: ASCII without escapes, copied as it is
		for (int i = start; i < this.end; i++) {
			byte b = this.bytes[i];
			if (b == '"') {
				this.at = i + 1;
				return new String(this.bytes, start, i - start, StandardCharsets.ISO_8859_1);
			}
			if (b == '\\' || b < 0x20) {
				break;
			}
		}
		StringBuilder text = new StringBuilder();
		while (true) {
			byte b = next();
			if (b == '"') {
				return text.toString();
			}
			if (b == '\\') {
				escape(text);
			}
			else if (b >= 0x20) {
				text.append((char) b);
			}
			else if (b < 0) {
				utf8(text, b);
			}
			else {
				throw new Malformed("an unescaped control character (code " + b + ") in a string", this.at - 1);
			}
		}
	}

	private void escape(StringBuilder text) {
		byte b = next();
		switch (b) {
			case '"' -> text.append('"');
			case '\\' -> text.append('\\');
			case '/' -> text.append('/');
			case 'b' -> text.append('\b');
			case 'f' -> text.append('\f');
			case 'n' -> text.append('\n');
			case 'r' -> text.append('\r');
			case 't' -> text.append('\t');
			case 'u' -> {
				int code = 0;
				for (int i = 0; i < 4; i++) {
					int digit = Character.digit(next(), 16);
					if (digit < 0) {
						throw new Malformed("a \\u escape that is not four hex digits", this.at - 1);
					}
					code = code * 16 + digit;
				}
				text.append((char) code);
			}
			default -> throw new Malformed("an unknown escape '\\" + describe(b) + "'", this.at - 1);
		}
	}

	// decodes one character of two to four bytes, refusing what a strict UTF-8 decoder refuses
	private void utf8(StringBuilder text, byte first) {
		int lead = first & 0xff;
		int count;
		int code;
		int min;
		if (lead >= 0xc2 && lead <= 0xdf) {
			count = 1;
			code = lead & 0x1f;
			min = 0x80;
		}
		else if (lead >= 0xe0 && lead <= 0xef) {
			count = 2;
			code = lead & 0x0f;
			min = 0x800;
		}
		else if (lead >= 0xf0 && lead <= 0xf4) {
			count = 3;
			code = lead & 0x07;
			min = 0x10000;
		}
		else {
			throw new Malformed("invalid UTF-8", this.at - 1);
		}
		for (int i = 0; i < count; i++) {
			if (this.at == this.end || (this.bytes[this.at] & 0xc0) != 0x80) {
				throw new Malformed("invalid UTF-8", this.at);
			}
			code = (code << 6) | (this.bytes[this.at++] & 0x3f);
		}
		if (code < min || code > Character.MAX_CODE_POINT
				|| (code >= Character.MIN_SURROGATE && code <= Character.MAX_SURROGATE)) {
			throw new Malformed("invalid UTF-8", this.at - count - 1);
		}
		text.appendCodePoint(code);
	}

	private Object number() {
		int start = this.at;
		boolean integer = true;
		if (peek() == '-') {
			this.at++;
		}
		if (peek() == '0') {
			this.at++;
			if (isDigit(peek())) {
				throw new Malformed("a number with a leading zero", start);
			}
		}
		else {
			digits();
		}
		if (peek() == '.') {
			this.at++;
			digits();
			integer = false;
		}
		if (peek() == 'e' || peek() == 'E') {
			this.at++;
			if (peek() == '+' || peek() == '-') {
				this.at++;
			}
			digits();
			integer = false;
		}
		int length = this.at - start;
		if (length > MAX_NUMBER_LENGTH) {
			throw new Malformed("a number longer than " + MAX_NUMBER_LENGTH + " characters", start);
		}
		String text = new String(this.bytes, start, length, StandardCharsets.ISO_8859_1);
		try {
			return integer ? integer(text) : new BigDecimal(text);
		}
		catch (NumberFormatException ex) {
			// an exponent beyond what BigDecimal holds
			throw new Malformed("a number out of range", start);
		}
	}

	private static Number integer(String text) {
		// at most 18 digits always fit a long; 19 may, more never do
		if (text.length() <= 19 || (text.length() == 20 && text.charAt(0) == '-')) {
			try {
				long value = Long.parseLong(text);
				return (value == (int) value) ? (Number) (int) value : (Number) value;
			}
			catch (NumberFormatException ex) {
				// beyond a long: a BigInteger below
			}
		}
		return new BigInteger(text);
	}

	private void digits() {
		if (!isDigit(peek())) {
			throw unexpected(next(), "a digit");
		}
		while (isDigit(peek())) {
			this.at++;
		}
	}

	private @Nullable Object literal(String rest, @Nullable Object value) {
		for (int i = 0; i < rest.length(); i++) {
			byte b = next();
			if (b != rest.charAt(i)) {
				throw unexpected(b, "'" + rest.charAt(i) + "'");
			}
		}
		// true1 or nullx is one token that is not a literal
		if (this.at < this.end && Character.isLetterOrDigit(this.bytes[this.at])) {
			throw unexpected(next(), "a delimiter");
		}
		return value;
	}

	private void checkDepth(int depth) {
		if (depth > MAX_DEPTH) {
			throw new Malformed("arrays and objects nested deeper than " + MAX_DEPTH, this.at - 1);
		}
	}

	private void skipWhitespace() {
		while (this.at < this.end) {
			byte b = this.bytes[this.at];
			if (b != ' ' && b != '\n' && b != '\r' && b != '\t') {
				return;
			}
			this.at++;
		}
	}

	// the next byte without consuming it; 0, which no valid document has there, at the end
	private byte peek() {
		return (this.at < this.end) ? this.bytes[this.at] : 0;
	}

	private byte next() {
		if (this.at == this.end) {
			throw endOfInput();
		}
		return this.bytes[this.at++];
	}

	private static boolean isDigit(byte b) {
		return b >= '0' && b <= '9';
	}

	private Malformed endOfInput() {
		return new Malformed("unexpected end of input", this.at);
	}

	private Malformed unexpected(byte b, String expected) {
		return new Malformed("unexpected character " + describe(b) + " where " + expected + " was expected",
				this.at - 1);
	}

	private static String describe(byte b) {
		return (b >= 0x20 && b < 0x7f) ? "'" + (char) b + "'" : "(code " + (b & 0xff) + ")";
	}

	/**
	 * Text that is not JSON.
	 */
	static final class Malformed extends RuntimeException {

		private static final long serialVersionUID = 1L;

		Malformed(String problem, int offset) {
			super(problem + " at offset " + offset, null, false, false);
		}

	}

}
