package dev.heartbeat.fleet;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.heartbeat.Heartbeat;
import dev.heartbeat.HeartbeatState;
import dev.heartbeat.HeartbeatStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class FleetPublisherTests {

	private static final Duration GENEROUS = Duration.ofSeconds(30);

	private final FakeFleetStore store = new FakeFleetStore();

	private final List<FleetException> missed = new CopyOnWriteArrayList<>();

	private final FleetPublisher publisher = new FleetPublisher(this.store,
			new FleetIdentity("orders", "orders-1", "orders"), Duration.ofMillis(200), new FleetListener() {

				@Override
				public void onMissedFleetBeat(FleetException failure) {
					FleetPublisherTests.this.missed.add(failure);
				}

			});

	@TempDir
	Path directory;

	@AfterEach
	void close() {
		this.store.release();
		this.publisher.close();
	}

	@Test
	void eachBeatIsPublishedOnThePublishersThread() {
		this.publisher.onBeat(state(1, HeartbeatStatus.UP));
		await().atMost(GENEROUS).until(() -> this.store.published.size() == 1);
		assertThat(this.publisher.status().published()).isEqualTo(1);
		assertThat(this.publisher.status().lastPublished()).isNotNull();
		assertThat(this.publisher.status().isFailing()).isFalse();
	}

	@Test
	void aHangingStoreNeverDelaysABeatAndTimesOutOnce() {
		this.store.hangUntilReleased();
		this.publisher.onBeat(state(1, HeartbeatStatus.UP));
		await().atMost(GENEROUS).until(() -> {
			// each call returns at once; the one after the timeout reports the hanging
			// write
			long started = System.nanoTime();
			this.publisher.onBeat(state(2, HeartbeatStatus.UP));
			assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(1));
			return !this.missed.isEmpty();
		});
		assertThat(this.missed).singleElement()
			.satisfies((failure) -> assertThat(failure).hasMessageContaining("did not finish within PT0.2S"));
		assertThat(this.publisher.status().isFailing()).isTrue();
		this.publisher.onBeat(state(3, HeartbeatStatus.UP));
		this.publisher.onBeat(state(4, HeartbeatStatus.UP));
		this.store.release();
		// the beats that waited behind the hanging write are replaced by the latest
		await().atMost(GENEROUS).until(() -> this.store.published.stream().anyMatch((state) -> state.seq() == 4));
		assertThat(this.store.published).extracting(HeartbeatState::seq).doesNotContain(2L, 3L);
		await().atMost(GENEROUS).until(() -> !this.publisher.status().isFailing());
	}

	@Test
	void aFailingStoreIsReportedOnEachBeatUntilItWorksAgain() {
		this.store.failWith(new IllegalStateException("connection refused"));
		this.publisher.onBeat(state(1, HeartbeatStatus.UP));
		await().atMost(GENEROUS).until(() -> this.missed.size() == 1);
		this.publisher.onBeat(state(2, HeartbeatStatus.UP));
		await().atMost(GENEROUS).until(() -> this.missed.size() == 2);
		assertThat(this.missed.get(0)).hasMessageContaining("beat 1").hasMessageContaining("connection refused");
		FleetPublisher.PublishStatus failing = this.publisher.status();
		assertThat(failing.consecutiveFailures()).isEqualTo(2);
		assertThat(failing.failingSince()).isNotNull();
		assertThat(failing.lastFailure()).contains("connection refused");
		this.store.failWith(null);
		this.publisher.onBeat(state(3, HeartbeatStatus.UP));
		await().atMost(GENEROUS).until(() -> !this.publisher.status().isFailing());
		assertThat(this.publisher.status().failures()).isEqualTo(2);
		assertThat(this.publisher.status().lastFailure()).isNull();
	}

	@Test
	void closeWritesTheLastBeatFirst() {
		this.publisher.onBeat(state(1, HeartbeatStatus.UP));
		this.publisher.onBeat(state(2, HeartbeatStatus.STOPPED));
		this.publisher.close();
		assertThat(this.store.published).last()
			.satisfies((state) -> assertThat(state.status()).isEqualTo(HeartbeatStatus.STOPPED));
		this.publisher.onBeat(state(3, HeartbeatStatus.UP));
		assertThat(this.store.published).extracting(HeartbeatState::seq).doesNotContain(3L);
	}

	@Test
	void departMarksTheInstanceStoppedAndPublishesNothingAfter() {
		this.publisher.onBeat(state(5, HeartbeatStatus.UP));
		await().atMost(GENEROUS).until(() -> this.store.published.size() == 1);
		this.publisher.depart();
		assertThat(this.store.published).last().satisfies((state) -> {
			assertThat(state.status()).isEqualTo(HeartbeatStatus.STOPPED);
			assertThat(state.seq()).isEqualTo(5);
		});
		this.publisher.onBeat(state(6, HeartbeatStatus.STOPPING));
		this.publisher.close();
		assertThat(this.store.published).hasSize(2);
	}

	@Test
	void closeGivesUpOnAHangingStoreAfterTheTimeout() {
		this.store.hangUntilReleased();
		this.publisher.onBeat(state(1, HeartbeatStatus.STOPPED));
		long started = System.nanoTime();
		this.publisher.close();
		assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
	}

	@Test
	void theHeartbeatWritesItsStateFileWhileTheStoreHangs() {
		this.store.hangUntilReleased();
		Path stateFile = this.directory.resolve("fleet.heartbeat");
		try (Heartbeat heartbeat = Heartbeat.builder()
			.stateFile(stateFile)
			.interval(Duration.ofSeconds(1))
			.listener(this.publisher)
			.build()) {
			heartbeat.start();
			await().atMost(GENEROUS)
				.until(() -> HeartbeatState.read(stateFile).map(HeartbeatState::seq).orElse(0L) >= 3);
			assertThat(this.missed).isNotEmpty();
			assertThat(heartbeat.lastFailure()).isEmpty();
		}
	}

	private static HeartbeatState state(long seq, HeartbeatStatus status) {
		Instant now = Instant.now();
		return new HeartbeatState(now, 1, "host", Map.of(), status, seq, Duration.ofSeconds(1), Map.of(),
				now.plusSeconds(3));
	}

}
