package dev.heartbeat.json;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Python's {@code repr} of floats, in the cases that decide its layout; the golden files
 * of {@code StateJsonTests} hold thousands more, written by Python itself.
 */
class PythonFloatsTests {

	@Test
	void plainFromATenThousandthToBelowTenToTheSixteenth() {
		assertThat(PythonFloats.repr(0.0001)).isEqualTo("0.0001");
		assertThat(PythonFloats.repr(0.00012345)).isEqualTo("0.00012345");
		assertThat(PythonFloats.repr(1.0)).isEqualTo("1.0");
		assertThat(PythonFloats.repr(-1.5)).isEqualTo("-1.5");
		assertThat(PythonFloats.repr(1e15)).isEqualTo("1000000000000000.0");
		assertThat(PythonFloats.repr(9007199254740993.0)).isEqualTo("9007199254740992.0");
	}

	@Test
	void scientificOutsideThatRangeWithASignedTwoDigitExponent() {
		assertThat(PythonFloats.repr(0.00001)).isEqualTo("1e-05");
		assertThat(PythonFloats.repr(1.5e-5)).isEqualTo("1.5e-05");
		assertThat(PythonFloats.repr(1e16)).isEqualTo("1e+16");
		assertThat(PythonFloats.repr(1e20)).isEqualTo("1e+20");
		assertThat(PythonFloats.repr(123456789012345678.0)).isEqualTo("1.2345678901234568e+17");
		assertThat(PythonFloats.repr(Double.MAX_VALUE)).isEqualTo("1.7976931348623157e+308");
	}

	@Test
	void zeroKeepsItsSign() {
		assertThat(PythonFloats.repr(0.0)).isEqualTo("0.0");
		assertThat(PythonFloats.repr(-0.0)).isEqualTo("-0.0");
	}

	@Test
	void oneDigitWhenOneDigitIsEnoughWhereJavaWritesTwo() {
		// Double.toString on JDK 19 and later: 4.9E-324, 9.9E-324
		assertThat(PythonFloats.repr(Double.MIN_VALUE)).isEqualTo("5e-324");
		assertThat(PythonFloats.repr(2 * Double.MIN_VALUE)).isEqualTo("1e-323");
		assertThat(PythonFloats.repr(1e23)).isEqualTo("1e+23");
	}

	@Test
	void floatsAreWrittenWithTheirOwnShortestDigits() {
		assertThat(PythonFloats.repr(0.1f)).isEqualTo("0.1");
		assertThat(PythonFloats.repr(1e20f)).isEqualTo("1e+20");
		assertThat(PythonFloats.repr(-0.0f)).isEqualTo("-0.0");
	}

}
