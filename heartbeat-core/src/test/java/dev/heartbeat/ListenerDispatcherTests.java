package dev.heartbeat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Callbacks reach their listeners in order, across the runs of a heartbeat that stops and
 * starts again.
 */
class ListenerDispatcherTests {

	private static final Duration GENEROUS = Duration.ofSeconds(30);

	private final RecordingListener listener = new RecordingListener();

	private final ListenerDispatcher dispatcher = new ListenerDispatcher(List.of(this.listener));

	// the workers of a run that stops before they begin what they were given
	private final List<Runnable> dropped = new ArrayList<>();

	@Test
	void aDrainTheStoppedWorkersDroppedIsDrainedByTheNextRun() {
		this.dispatcher.deliverOn(this.dropped::add);
		this.dispatcher.onBeat(beat(1));
		this.dispatcher.deliverOn(null);
		this.dispatcher.deliverOn(Runnable::run);
		this.dispatcher.onBeat(beat(2));
		assertThat(this.listener.beats).extracting(HeartbeatState::seq).containsExactly(1L, 2L);
		// run late after all, the dropped drain delivers nothing twice
		this.dropped.forEach(Runnable::run);
		this.dispatcher.onBeat(beat(3));
		assertThat(this.listener.beats).extracting(HeartbeatState::seq).containsExactly(1L, 2L, 3L);
	}

	@Test
	void aStopWaitsForNoDrainTheWorkersOfAnEarlierRunDropped() {
		this.dispatcher.deliverOn(this.dropped::add);
		this.dispatcher.onBeat(beat(1));
		this.dispatcher.deliverOn(null);
		this.dispatcher.deliverOn(Runnable::run);
		// a drain that was never begun, and never will be, is no delivery to wait for
		CompletableFuture<Void> awaited = CompletableFuture
			.runAsync(() -> this.dispatcher.awaitDelivery(Duration.ofMinutes(5)));
		await().atMost(GENEROUS).until(awaited::isDone);
	}

	private static HeartbeatState beat(long seq) {
		return new HeartbeatState(Instant.parse("2026-01-12T10:00:00Z").plusSeconds(seq), 4242, "orders-1", Map.of(),
				HeartbeatStatus.UP, seq, Duration.ofSeconds(1), Map.of());
	}

}
