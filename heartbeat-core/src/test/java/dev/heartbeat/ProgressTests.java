package dev.heartbeat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Progress targets, driven beat by beat on a fake monotonic clock.
 */
class ProgressTests {

	private final MutableTicker ticker = new MutableTicker();

	private final RecordingListener listener = new RecordingListener();

	private final Heartbeat heartbeat = Heartbeat.builder()
		.interval(Duration.ofSeconds(1))
		.ticker(this.ticker)
		.recoveryPolicy(new RecoveryPolicy(Duration.ofSeconds(1), 1.0, Duration.ofSeconds(1), 2, 1, 1, true))
		.listener(this.listener)
		.build();

	private void beatAt(long second) {
		this.ticker.set(Duration.ofSeconds(second));
		this.heartbeat.tick();
	}

	private TargetReport report() {
		return this.heartbeat.targetReports().get(0);
	}

	@Test
	void aStalledProgressDiesAfterItsDeadlineIsRecoveredPerItsPolicyAndEscalates() {
		Progress progress = this.heartbeat.progress("orders", Duration.ofSeconds(5));
		for (long second = 0; second <= 5; second++) {
			beatAt(second);
		}
		assertThat(this.heartbeat.targets()).containsEntry("orders", TargetStatus.ALIVE);
		beatAt(6);
		assertThat(report().status()).isEqualTo(TargetStatus.DEAD);
		assertThat(report().reason()).startsWith("stalled: not touched for PT6S").endsWith("deadline of PT5S");
		assertThat(this.listener.dead).containsExactly("orders");
		beatAt(7);
		assertThat(this.heartbeat.isEscalated()).isFalse();
		assertThat(report().recoveryAttempts()).isEqualTo(2);
		beatAt(8);
		assertThat(this.heartbeat.isEscalated()).isTrue();
		progress.touch();
		beatAt(9);
		assertThat(report().status()).isEqualTo(TargetStatus.ALIVE);
		assertThat(this.heartbeat.isEscalated()).isFalse();
		assertThat(this.listener.recovered).containsExactly("orders");
	}

	@Test
	void aTouchedProgressStaysAlive() {
		Progress progress = this.heartbeat.progress("orders", Duration.ofSeconds(5));
		for (long second = 0; second <= 60; second++) {
			if (second % 5 == 0) {
				this.ticker.set(Duration.ofSeconds(second));
				progress.touch();
			}
			beatAt(second);
		}
		assertThat(this.listener.dead).isEmpty();
	}

	@Test
	void aPausedProgressIsNeverDeadAndItsDeadlineRunsAgainFromResume() {
		Progress progress = this.heartbeat.progress("orders", Duration.ofSeconds(5));
		progress.pause();
		for (long second = 0; second <= 100; second++) {
			beatAt(second);
		}
		assertThat(progress.isPaused()).isTrue();
		assertThat(this.listener.dead).isEmpty();
		progress.resume();
		beatAt(105);
		assertThat(report().status()).isEqualTo(TargetStatus.ALIVE);
		beatAt(106);
		assertThat(report().status()).isEqualTo(TargetStatus.DEAD);
	}

	@Test
	void pausingADeadProgressMakesItAliveAgain() {
		Progress progress = this.heartbeat.progress("orders", Duration.ofSeconds(5));
		beatAt(6);
		assertThat(report().status()).isEqualTo(TargetStatus.DEAD);
		progress.pause();
		beatAt(7);
		assertThat(report().status()).isEqualTo(TargetStatus.ALIVE);
	}

	@Test
	void aProgressFollowsThePolicyOfItsName() {
		Heartbeat heartbeat = Heartbeat.builder()
			.ticker(this.ticker)
			.recoveryPolicy("orders", RecoveryPolicy.DEFAULT.withCritical(false))
			.build();
		heartbeat.progress("orders", Duration.ofSeconds(5));
		assertThat(heartbeat.targetReports()).singleElement()
			.satisfies((report) -> assertThat(report.critical()).isFalse());
	}

	@Test
	void aProgressNeedsANameOfItsOwnAndAPositiveDeadline() {
		Heartbeat heartbeat = Heartbeat.builder().target("orders", () -> false).build();
		assertThatExceptionOfType(DuplicateTargetNameException.class)
			.isThrownBy(() -> heartbeat.progress("orders", Duration.ofSeconds(5)));
		assertThatIllegalArgumentException().isThrownBy(() -> heartbeat.progress("other", Duration.ZERO))
			.withMessageContaining("deadline of progress 'other' must be positive");
	}

}
