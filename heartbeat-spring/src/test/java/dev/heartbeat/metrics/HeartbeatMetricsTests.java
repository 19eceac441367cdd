package dev.heartbeat.metrics;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

import dev.heartbeat.BeatOutcome;
import dev.heartbeat.Heartbeat;
import dev.heartbeat.HeartbeatBuilder;
import dev.heartbeat.HeartbeatException;
import dev.heartbeat.HeartbeatListener;
import dev.heartbeat.HeartbeatState;
import dev.heartbeat.HeartbeatStatus;
import dev.heartbeat.HeartbeatTarget;
import dev.heartbeat.PreviousRun;
import dev.heartbeat.RecoveryOutcome;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class HeartbeatMetricsTests {

	private static final Duration GENEROUS = Duration.ofSeconds(30);

	@TempDir
	Path directory;

	private final MeterRegistry registry = new SimpleMeterRegistry();

	private final AtomicReference<Heartbeat> heartbeat = new AtomicReference<>();

	private final HeartbeatMetrics metrics = new HeartbeatMetrics(this.heartbeat::get);

	@AfterEach
	void stopHeartbeat() {
		if (this.heartbeat.get() != null) {
			this.heartbeat.get().stop();
		}
	}

	@Test
	void metersFollowARunWithAFailingStateFileAndARecoveringTarget() {
		Path file = this.directory.resolve("app.heartbeat");
		Recording recording = new Recording();
		AtomicBoolean upstreamConnected = new AtomicBoolean();
		HeartbeatTarget upstream = new HeartbeatTarget() {
			@Override
			public boolean isDead() {
				return !upstreamConnected.get();
			}

			@Override
			public void recover() {
				upstreamConnected.set(true);
			}
		};
		HeartbeatTarget feed = new HeartbeatTarget() {
			@Override
			public boolean isDead() {
				return true;
			}

			@Override
			public void recover() {
				throw new IllegalStateException("feed is down for good");
			}
		};
		// on the heartbeat's thread (callbacks run there below), between two beats: no
		// race with a write in progress
		HeartbeatListener fileBreaker = new HeartbeatListener() {
			private int failures;

			@Override
			public void onBeatOutcome(BeatOutcome outcome) {
				try {
					if (outcome.seq() == 2 && outcome.isSuccess()) {
						Files.delete(file);
						Files.createDirectory(file);
					}
					else if (!outcome.isSuccess() && ++this.failures == 2) {
						Files.delete(file);
					}
				}
				catch (IOException ex) {
					throw new UncheckedIOException(ex);
				}
			}
		};
		this.heartbeat.set(Heartbeat.builder()
			.stateFile(file)
			.interval(Duration.ofSeconds(1))
			.callbackExecutor(Runnable::run)
			.target("upstream", upstream)
			.target("feed", feed)
			.listener(this.metrics)
			.listener(recording)
			.listener(fileBreaker)
			.build());
		this.metrics.bindTo(this.registry);
		this.heartbeat.get().start();
		await().atMost(GENEROUS).until(() -> recording.recovered("upstream") == 1 && recording.successAfterFailures());
		this.heartbeat.get().stop();

		assertThat(recording.failures()).isEqualTo(2);
		assertThat(counter("heartbeat.beats", "result", "failure")).isEqualTo(2);
		assertThat(counter("heartbeat.beats", "result", "success")).isEqualTo(recording.successes())
			.isGreaterThanOrEqualTo(3);
		Timer duration = this.registry.get("heartbeat.beat.duration").timer();
		assertThat(duration.count()).isEqualTo(recording.outcomes.size());
		assertThat(duration.totalTime(TimeUnit.NANOSECONDS))
			.isEqualTo(recording.outcomes.stream().mapToLong((outcome) -> outcome.duration().toNanos()).sum());
		assertThat(recoveries("upstream", "recovered")).isEqualTo(1);
		assertThat(recoveries("upstream", "failed")).isZero();
		assertThat(recoveries("feed", "failed")).isEqualTo(recording.failed("feed")).isGreaterThanOrEqualTo(1);
		assertThat(recoveries("feed", "recovered")).isZero();
		assertThat(recoveries("feed", "timeout")).isZero();
		assertThat(gauge("heartbeat.targets", "state", "alive")).isEqualTo(1);
		assertThat(gauge("heartbeat.targets", "state", "dead")).isEqualTo(1);
		double before = seconds(this.heartbeat.get().timeSinceLastBeat().orElseThrow());
		double age = this.registry.get("heartbeat.last.beat.age").gauge().value();
		double after = seconds(this.heartbeat.get().timeSinceLastBeat().orElseThrow());
		assertThat(age).isBetween(before, after);
	}

	@Test
	void lastBeatAgeIsReadOnTheMonotonicTickerAndUnknownBeforeTheFirstBeat() {
		AtomicLong nanos = new AtomicLong(1_000);
		this.heartbeat.set(Heartbeat.builder().ticker(nanos::get).listener(this.metrics).build());
		this.metrics.bindTo(this.registry);
		assertThat(this.registry.get("heartbeat.last.beat.age").gauge().value()).isNaN();
		this.heartbeat.get().beat();
		nanos.addAndGet(Duration.ofMillis(7_500).toNanos());
		assertThat(this.registry.get("heartbeat.last.beat.age").gauge().value()).isEqualTo(7.5);
	}

	@Test
	void eachOutcomeIsCountedWithItsTags() {
		HeartbeatTarget target = () -> false;
		this.heartbeat.set(Heartbeat.builder().target("feed", target).listener(this.metrics).build());
		this.metrics.bindTo(this.registry);
		Instant now = Instant.now();
		this.metrics.onBeatOutcome(new BeatOutcome(1, now, Duration.ofMillis(3), null));
		this.metrics.onBeatOutcome(new BeatOutcome(2, now, Duration.ofMillis(5), new HeartbeatException("disk full")));
		this.metrics.onRecoveryAttempt("feed", target, RecoveryOutcome.TIMEOUT);
		this.metrics.onRecoveryAttempt("feed", target, RecoveryOutcome.FAILED);
		this.metrics.onRecoveryAttempt("feed", target, RecoveryOutcome.FAILED);
		assertThat(counter("heartbeat.beats", "result", "success")).isEqualTo(1);
		assertThat(counter("heartbeat.beats", "result", "failure")).isEqualTo(1);
		Timer duration = this.registry.get("heartbeat.beat.duration").timer();
		assertThat(duration.count()).isEqualTo(2);
		assertThat(duration.totalTime(TimeUnit.MILLISECONDS)).isEqualTo(8);
		assertThat(recoveries("feed", "timeout")).isEqualTo(1);
		assertThat(recoveries("feed", "failed")).isEqualTo(2);
		assertThat(recoveries("feed", "recovered")).isZero();
	}

	@Test
	void everyMeterExistsOnceBoundWithRecoveriesAtZeroForEachTarget() {
		this.heartbeat.set(checked(Heartbeat.builder().target("a", () -> false).target("b", () -> false)));
		this.metrics.bindTo(this.registry);
		this.metrics.bindTo(this.registry);
		assertThat(meterIds()).containsExactlyInAnyOrder("heartbeat.beats{result=success}",
				"heartbeat.beats{result=failure}", "heartbeat.beat.duration{}", "heartbeat.beat.lateness{}",
				"heartbeat.beat.gc.pause{}", "heartbeat.last.beat.age{}", "heartbeat.targets{state=alive}",
				"heartbeat.targets{state=dead}", "heartbeat.restarts{clean=true}", "heartbeat.restarts{clean=false}",
				"heartbeat.recoveries{outcome=recovered,target=a}", "heartbeat.recoveries{outcome=failed,target=a}",
				"heartbeat.recoveries{outcome=timeout,target=a}", "heartbeat.recoveries{outcome=recovered,target=b}",
				"heartbeat.recoveries{outcome=failed,target=b}", "heartbeat.recoveries{outcome=timeout,target=b}");
		assertThat(gauge("heartbeat.targets", "state", "alive")).isEqualTo(2);
		this.metrics.onBeatOutcome(new BeatOutcome(1, Instant.now(), Duration.ofMillis(1), null));
		assertThat(counter("heartbeat.beats", "result", "success")).isEqualTo(1);
	}

	@Test
	void eachBeatRecordsItsLatenessAndLongestPauseWhenItKnowsThem() {
		this.heartbeat.set(Heartbeat.builder().build());
		this.metrics.bindTo(this.registry);
		Instant now = Instant.parse("2026-01-12T10:00:00Z");
		this.metrics.onBeat(new HeartbeatState(now, 1, "h", Map.of(), HeartbeatStatus.UP, 1, Duration.ofSeconds(10),
				Map.of(), Map.of(), Map.of(), now.plusSeconds(30), 0, Duration.ofMillis(250), Duration.ofMillis(40)));
		// a beat off the schedule, of a JVM that does not tell its pauses
		this.metrics.onBeat(new HeartbeatState(now, 1, "h", Map.of(), HeartbeatStatus.UP, 2, Duration.ofSeconds(10),
				Map.of(), Map.of(), Map.of(), now.plusSeconds(30), 0, null, null));
		Timer lateness = this.registry.get("heartbeat.beat.lateness").timer();
		assertThat(lateness.count()).isOne();
		assertThat(lateness.max(TimeUnit.MILLISECONDS)).isEqualTo(250);
		Timer pause = this.registry.get("heartbeat.beat.gc.pause").timer();
		assertThat(pause.count()).isOne();
		assertThat(pause.max(TimeUnit.MILLISECONDS)).isEqualTo(40);
	}

	@Test
	void eachPreviousRunIsCountedByHowItEndedEvenWhenToldBeforeTheMetersWereBound() {
		this.heartbeat.set(Heartbeat.builder().build());
		this.metrics.onPreviousRun(previousRun(false));
		this.metrics.bindTo(this.registry);
		assertThat(counter("heartbeat.restarts", "clean", "false")).isEqualTo(1);
		assertThat(counter("heartbeat.restarts", "clean", "true")).isZero();
		this.metrics.onPreviousRun(previousRun(true));
		assertThat(counter("heartbeat.restarts", "clean", "true")).isEqualTo(1);
		assertThat(counter("heartbeat.restarts", "clean", "false")).isEqualTo(1);
	}

	@Test
	void closeRemovesTheMetersSoThatANewHeartbeatIsMeasuredAfresh() {
		this.heartbeat.set(Heartbeat.builder().target("old", () -> true).build());
		this.metrics.bindTo(this.registry);
		this.metrics.onBeatOutcome(new BeatOutcome(1, Instant.now(), Duration.ofMillis(1), null));
		this.metrics.close();
		assertThat(meterIds()).isEmpty();
		this.metrics.onBeatOutcome(new BeatOutcome(2, Instant.now(), Duration.ofMillis(1), null));
		assertThat(meterIds()).isEmpty();

		AtomicReference<Heartbeat> next = new AtomicReference<>(
				checked(Heartbeat.builder().target("new", () -> false)));
		HeartbeatMetrics nextMetrics = new HeartbeatMetrics(next::get);
		nextMetrics.bindTo(this.registry);
		assertThat(counter("heartbeat.beats", "result", "success")).isZero();
		assertThat(gauge("heartbeat.targets", "state", "alive")).isEqualTo(1);
		assertThat(gauge("heartbeat.targets", "state", "dead")).isZero();
		assertThat(this.registry.find("heartbeat.recoveries").tag("target", "old").meters()).isEmpty();
		assertThat(this.registry.find("heartbeat.recoveries").tag("target", "new").meters()).hasSize(3);
		next.get().stop();
	}

	// a started heartbeat whose first checks have answered: targets count once they are
	// checked
	private static Heartbeat checked(HeartbeatBuilder builder) {
		Heartbeat heartbeat = builder.callbackExecutor(Runnable::run).interval(Duration.ofSeconds(300)).build();
		heartbeat.start();
		return heartbeat;
	}

	private List<String> meterIds() {
		return this.registry.getMeters()
			.stream()
			.map((meter) -> meter.getId().getName() + meter.getId()
				.getTags()
				.stream()
				.map((tag) -> tag.getKey() + "=" + tag.getValue())
				.collect(Collectors.joining(",", "{", "}")))
			.toList();
	}

	private double counter(String name, String tag, String value) {
		return this.registry.get(name).tag(tag, value).counter().count();
	}

	private double recoveries(String target, String outcome) {
		return this.registry.get("heartbeat.recoveries")
			.tag("target", target)
			.tag("outcome", outcome)
			.counter()
			.count();
	}

	private double gauge(String name, String tag, String value) {
		return this.registry.get(name).tag(tag, value).gauge().value();
	}

	private static double seconds(Duration duration) {
		return duration.toNanos() / 1e9;
	}

	/**
	 * Records what the heartbeat reports, for the meters to be compared with.
	 */
	private static final class Recording implements HeartbeatListener {

		final List<BeatOutcome> outcomes = new CopyOnWriteArrayList<>();

		final List<String> recoveries = new CopyOnWriteArrayList<>();

		@Override
		public void onBeatOutcome(BeatOutcome outcome) {
			this.outcomes.add(outcome);
		}

		@Override
		public void onRecoveryAttempt(String targetName, HeartbeatTarget target, RecoveryOutcome outcome) {
			this.recoveries.add(targetName + "=" + outcome);
		}

		long successes() {
			return this.outcomes.stream().filter(BeatOutcome::isSuccess).count();
		}

		long failures() {
			return this.outcomes.size() - successes();
		}

		boolean successAfterFailures() {
			List<BeatOutcome> snapshot = List.copyOf(this.outcomes);
			boolean failed = false;
			for (BeatOutcome outcome : snapshot) {
				if (!outcome.isSuccess()) {
					failed = true;
				}
				else if (failed) {
					return true;
				}
			}
			return false;
		}

		long recovered(String target) {
			return this.recoveries.stream().filter((recovery) -> recovery.equals(target + "=RECOVERED")).count();
		}

		long failed(String target) {
			return this.recoveries.stream().filter((recovery) -> recovery.equals(target + "=FAILED")).count();
		}

	}

	private static PreviousRun previousRun(boolean clean) {
		return new PreviousRun(4241, "orders-1", Instant.parse("2026-01-12T09:59:00Z"),
				clean ? HeartbeatStatus.STOPPED : HeartbeatStatus.UP, clean, Duration.ofMinutes(1), clean ? 0 : 1);
	}

}
