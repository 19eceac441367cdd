package dev.heartbeat.fleet;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import dev.heartbeat.HeartbeatState;
import dev.heartbeat.HeartbeatStatus;
import org.jspecify.annotations.Nullable;

/**
 * A store whose listing the test sets, that records the beats published to it, and can be
 * made to fail or to hang.
 */
class FakeFleetStore implements FleetStore {

	final List<HeartbeatState> published = new CopyOnWriteArrayList<>();

	final AtomicInteger cleanups = new AtomicInteger();

	private volatile List<FleetMember> members = List.of();

	private volatile @Nullable RuntimeException failure;

	private volatile @Nullable CountDownLatch hang;

	void list(FleetMember... members) {
		this.members = List.of(members);
	}

	void failWith(@Nullable RuntimeException failure) {
		this.failure = failure;
	}

	void hangUntilReleased() {
		this.hang = new CountDownLatch(1);
	}

	void release() {
		CountDownLatch hanging = this.hang;
		this.hang = null;
		if (hanging != null) {
			hanging.countDown();
		}
	}

	@Override
	public void publish(FleetIdentity identity, HeartbeatState state, Duration maxAge) {
		CountDownLatch hanging = this.hang;
		if (hanging != null) {
			try {
				hanging.await(60, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
		RuntimeException failing = this.failure;
		if (failing != null) {
			throw failing;
		}
		this.published.add(state);
	}

	@Override
	public List<FleetMember> members(String group) {
		RuntimeException failing = this.failure;
		if (failing != null) {
			throw failing;
		}
		return new ArrayList<>(this.members);
	}

	@Override
	public int removeExpired(String group, Duration retention) {
		this.cleanups.incrementAndGet();
		return 0;
	}

	static FleetMember member(String id, MemberState state) {
		Instant lastBeat = Instant.parse("2026-01-12T10:00:00Z");
		HeartbeatStatus status = (state == MemberState.STOPPED) ? HeartbeatStatus.STOPPED : HeartbeatStatus.UP;
		return new FleetMember(id, "orders", "orders", "host-" + id, 100, status, 1, lastBeat, lastBeat.plusSeconds(30),
				Map.of(), state);
	}

	@Override
	public String toString() {
		return "fake store";
	}

}
