package dev.heartbeat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class RecoveryPolicyTests {

	@Test
	void backoffStartsAtOneIntervalAndDoublesUpToFiveMinutesByDefault() {
		RecoveryPolicy policy = RecoveryPolicy.DEFAULT;
		Duration interval = Duration.ofSeconds(10);
		assertThat(policy.backoffAfter(1, interval)).isEqualTo(Duration.ofSeconds(10));
		assertThat(policy.backoffAfter(2, interval)).isEqualTo(Duration.ofSeconds(20));
		assertThat(policy.backoffAfter(5, interval)).isEqualTo(Duration.ofSeconds(160));
		assertThat(policy.backoffAfter(6, interval)).isEqualTo(Duration.ofMinutes(5));
		assertThat(policy.backoffAfter(60, interval)).isEqualTo(Duration.ofMinutes(5));
	}

	@Test
	void initialBackoffOverridesTheInterval() {
		RecoveryPolicy policy = new RecoveryPolicy(Duration.ofSeconds(3), 1.0, Duration.ofMinutes(1), 0, 1, 1, true);
		assertThat(policy.backoffAfter(1, Duration.ofSeconds(10))).isEqualTo(Duration.ofSeconds(3));
		assertThat(policy.backoffAfter(9, Duration.ofSeconds(10))).isEqualTo(Duration.ofSeconds(3));
	}

	@Test
	void invalidValuesAreRejected() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new RecoveryPolicy(Duration.ZERO, 2.0, Duration.ofMinutes(5), 10, 1, 1, true));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new RecoveryPolicy(null, 0.5, Duration.ofMinutes(5), 10, 1, 1, true));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new RecoveryPolicy(null, 2.0, Duration.ofMinutes(5), -1, 1, 1, true));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new RecoveryPolicy(null, 2.0, Duration.ofMinutes(5), 10, 0, 1, true));
	}

}
