package dev.heartbeat.json;

import java.math.BigDecimal;
import java.math.RoundingMode;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.io.NumberOutput;

/**
 * Floating-point numbers as Python's {@code repr} writes them, and so {@code json.dumps}:
 * the shortest digits that read back as the same number, in plain notation for exponents
 * from -4 to 15 ({@code 0.0001}, {@code 1e+16}), with {@code .0} on whole numbers.
 * <p>
 * The digits come from Jackson's copy of the Schubfach algorithm, which gives the same
 * answer on every JDK ({@code Double.toString} before JDK 19 sometimes gave more digits
 * than needed).
 */
final class PythonFloats {

	private PythonFloats() {
	}

	/**
	 * Python's {@code repr} of a finite double.
	 * @param value the number
	 * @return the text
	 */
	static String repr(double value) {
		return layout(value, shortestDigits(value));
	}

	/**
	 * The {@code repr} Python gives the double nearest to a float's shortest decimal:
	 * what a float means to its writer ({@code 0.1f} is written {@code 0.1}), in Python's
	 * notation.
	 * @param value the number
	 * @return the text
	 */
	static String repr(float value) {
		return layout(value, digits(NumberOutput.toString(value, true)));
	}

	private static BigDecimal shortestDigits(double value) {
		BigDecimal digits = digits(NumberOutput.toString(value, true));
		// when one digit is enough, Java's rule may still pick two (4.9e-324): Python
		// takes the one
		if (digits.precision() == 2 && value != 0) {
			BigDecimal oneDigit = closestOneDigit(value, digits);
			if (oneDigit != null) {
				return oneDigit;
			}
		}
		return digits;
	}

	// the one-digit decimal closest to the value among those that read back as it, if any
	private static @Nullable BigDecimal closestOneDigit(double value, BigDecimal twoDigits) {
		BigDecimal exact = new BigDecimal(Math.abs(value));
		BigDecimal down = twoDigits.abs().setScale(twoDigits.scale() - 1, RoundingMode.DOWN);
		BigDecimal up = twoDigits.abs().setScale(twoDigits.scale() - 1, RoundingMode.UP);
		BigDecimal closest = null;
		for (BigDecimal candidate : new BigDecimal[] { down, up }) {
			if (candidate.signum() != 0 && candidate.doubleValue() == Math.abs(value) && (closest == null
					|| candidate.subtract(exact).abs().compareTo(closest.subtract(exact).abs()) < 0)) {
				closest = candidate;
			}
		}
		return (closest != null) ? closest.stripTrailingZeros() : null;
	}

	private static BigDecimal digits(String javaText) {
		BigDecimal digits = new BigDecimal(javaText).abs();
		return (digits.signum() == 0) ? BigDecimal.ZERO : digits.stripTrailingZeros();
	}

	private static String layout(double value, BigDecimal digits) {
		StringBuilder text = new StringBuilder(24);
		if (value < 0 || (value == 0 && 1 / value < 0)) {
			text.append('-');
		}
		if (digits.signum() == 0) {
			return text.append("0.0").toString();
		}
		String significand = digits.unscaledValue().toString();
		// the exponent of the first digit: 1.5e-05 has -5
		int exponent = significand.length() - 1 - digits.scale();
		if (exponent < -4 || exponent >= 16) {
			text.append(significand.charAt(0));
			if (significand.length() > 1) {
				text.append('.').append(significand, 1, significand.length());
			}
			text.append('e').append((exponent < 0) ? '-' : '+');
			int magnitude = Math.abs(exponent);
			return text.append((magnitude < 10) ? "0" : "").append(magnitude).toString();
		}
		if (exponent < 0) {
			text.append("0.").append("0".repeat(-exponent - 1)).append(significand);
		}
		else if (exponent + 1 < significand.length()) {
			text.append(significand, 0, exponent + 1)
				.append('.')
				.append(significand, exponent + 1, significand.length());
		}
		else {
			text.append(significand).append("0".repeat(exponent + 1 - significand.length())).append(".0");
		}
		return text.toString();
	}

}
