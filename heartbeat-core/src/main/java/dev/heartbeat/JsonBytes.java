package dev.heartbeat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A growable buffer of ASCII bytes that {@link StateJson} writes into: a heartbeat keeps one and
 * reuses it for every beat, so that serialising a beat allocates nothing once the buffer has grown
 * to the size of a state.
 */
final class JsonBytes {

	// "00" to "99": a timestamp's digits are written two at a time
	private static final byte[] DIGIT_PAIRS = digitPairs();

	private byte[] bytes;

	private int length;

	JsonBytes(int capacity) {
		this.bytes = new byte[capacity];
	}

	byte[] bytes() {
		return this.bytes;
	}

	int length() {
		return this.length;
	}

	void reset() {
		this.length = 0;
	}

	JsonBytes append(char c) {
		ensure(1);
		this.bytes[this.length++] = (byte) c;
		return this;
	}

	// meant for ASCII text: any other char is written as '?', as String.getBytes(US_ASCII) would
	JsonBytes append(String ascii) {
		int count = ascii.length();
		ensure(count);
		byte[] target = this.bytes;
		int at = this.length;
		for (int i = 0; i < count; i++) {
			char c = ascii.charAt(i);
			target[at++] = (byte) ((c < 0x80) ? c : '?');
		}
		this.length = at;
		return this;
	}

	JsonBytes append(byte[] written) {
		ensure(written.length);
		System.arraycopy(written, 0, this.bytes, this.length, written.length);
		this.length += written.length;
		return this;
	}

	JsonBytes append(long value) {
		if (value == Long.MIN_VALUE) {
			return append(Long.toString(value));
		}
		if (value < 0) {
			append('-');
			value = -value;
		}
		int digits = digits(value);
		ensure(digits);
		int end = this.length + digits;
		for (int i = end - 1; i >= this.length; i--) {
			this.bytes[i] = (byte) ('0' + value % 10);
			value /= 10;
		}
		this.length = end;
		return this;
	}

	/**
	 * Append a non-negative value as exactly {@code width} digits, padded with zeros.
	 */
	JsonBytes appendPadded(int value, int width) {
		ensure(width);
		byte[] target = this.bytes;
		int at = this.length + width;
		// two digits per step: half the divisions, which are most of a timestamp's cost
		for (; at - 2 >= this.length; value /= 100) {
			int pair = (value % 100) * 2;
			target[--at] = DIGIT_PAIRS[pair + 1];
			target[--at] = DIGIT_PAIRS[pair];
		}
		if (at > this.length) {
			target[--at] = (byte) ('0' + value % 10);
		}
		this.length += width;
		return this;
	}

	@Override
	public String toString() {
		return new String(this.bytes, 0, this.length, StandardCharsets.US_ASCII);
	}

	private static byte[] digitPairs() {
		byte[] pairs = new byte[200];
		for (int i = 0; i < 100; i++) {
			pairs[2 * i] = (byte) ('0' + i / 10);
			pairs[2 * i + 1] = (byte) ('0' + i % 10);
		}
		return pairs;
	}

	private static int digits(long value) {
		int digits = 1;
		for (long bound = 10; digits < 19 && value >= bound; bound *= 10) {
			digits++;
		}
		return digits;
	}

	private void ensure(int more) {
		if (this.length + more > this.bytes.length) {
			this.bytes = Arrays.copyOf(this.bytes, Math.max(this.bytes.length * 2, this.length + more));
		}
	}

}
