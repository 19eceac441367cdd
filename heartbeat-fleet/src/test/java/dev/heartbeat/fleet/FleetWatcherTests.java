package dev.heartbeat.fleet;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import dev.heartbeat.MutableTicker;
import org.junit.jupiter.api.Test;

import static dev.heartbeat.fleet.FakeFleetStore.member;
import static dev.heartbeat.fleet.MemberState.ALIVE;
import static dev.heartbeat.fleet.MemberState.STALE;
import static dev.heartbeat.fleet.MemberState.STOPPED;
import static org.assertj.core.api.Assertions.assertThat;

class FleetWatcherTests {

	private static final Duration MAX_AGE = Duration.ofSeconds(30);

	private final FakeFleetStore store = new FakeFleetStore();

	private final MutableTicker ticker = new MutableTicker();

	private final AtomicLong writeFailures = new AtomicLong();

	private final List<String> events = new ArrayList<>();

	private final FleetWatcher watcher = new FleetWatcher(
			new HeartbeatFleet(this.store, new FleetIdentity("orders", "self", "orders")), Duration.ofSeconds(5),
			Duration.ofHours(1), new FleetListener() {

				@Override
				public void onPeerJoined(FleetMember peer) {
					FleetWatcherTests.this.events.add("joined " + peer.instanceId());
				}

				@Override
				public void onPeerDead(FleetMember peer) {
					FleetWatcherTests.this.events.add("dead " + peer.instanceId() + " " + peer.state());
				}

				@Override
				public void onPeerStopped(FleetMember peer) {
					FleetWatcherTests.this.events.add("stopped " + peer.instanceId());
				}

			}, this.writeFailures::get, this.ticker);

	@Test
	void theFirstCheckReportsLivePeersAsJoinedButNeitherTheDeadNorItself() {
		this.store.list(member("self", ALIVE), member("a", ALIVE), member("b", STALE), member("c", STOPPED));
		assertThat(this.watcher.check()).isTrue();
		assertThat(this.events).containsExactly("joined a");
		check();
		assertThat(this.events).containsExactly("joined a");
	}

	@Test
	void aLivePeerThatTurnsStaleIsDeadOnce() {
		this.store.list(member("a", ALIVE));
		check();
		this.store.list(member("a", STALE));
		check();
		check();
		assertThat(this.events).containsExactly("joined a", "dead a STALE");
	}

	@Test
	void aLivePeerThatStopsIsStoppedAndNotDead() {
		this.store.list(member("a", ALIVE));
		check();
		this.store.list(member("a", STOPPED));
		check();
		this.store.list(member("a", STOPPED));
		check();
		assertThat(this.events).containsExactly("joined a", "stopped a");
	}

	@Test
	void aPeerThatComesBackHasJoinedAgain() {
		this.store.list(member("a", ALIVE));
		check();
		this.store.list(member("a", STALE));
		check();
		this.store.list(member("a", ALIVE));
		check();
		assertThat(this.events).containsExactly("joined a", "dead a STALE", "joined a");
	}

	@Test
	void aPeerFirstSeenStaleIsNotReportedUntilItLives() {
		check();
		this.store.list(member("late", STALE));
		check();
		this.store.list(member("late", ALIVE));
		check();
		assertThat(this.events).containsExactly("joined late");
	}

	@Test
	void afterTheStoreCouldNotBeReadNoPeerIsDeadForItsMaxAge() {
		this.store.list(member("a", ALIVE));
		check();
		this.store.failWith(new IllegalStateException("connection refused"));
		assertThat(this.watcher.check()).isFalse();
		this.store.failWith(null);
		// the store is back, and a's last beat is stale: it could not write while the
		// store was away
		this.store.list(member("a", STALE));
		this.ticker.advance(MAX_AGE.minusSeconds(1));
		check();
		assertThat(this.events).containsExactly("joined a");
		// one max age after the outage, a still has not written: it is dead
		this.ticker.advance(Duration.ofSeconds(2));
		check();
		assertThat(this.events).containsExactly("joined a", "dead a STALE");
	}

	@Test
	void afterOwnBeatsCouldNotBeWrittenNoPeerIsDeadForItsMaxAge() {
		this.store.list(member("a", ALIVE));
		check();
		this.writeFailures.incrementAndGet();
		this.store.list(member("a", STALE));
		check();
		this.store.list(member("a", ALIVE));
		check();
		assertThat(this.events).containsExactly("joined a");
	}

	@Test
	void aLivePeerGoneFromTheStoreIsDeadAfterItsMaxAgeAndNotJoinedWhenBack() {
		this.store.list(member("a", ALIVE), member("b", ALIVE));
		check();
		// a store that lost its keys: b comes back with its next beat, a never does
		this.store.list();
		check();
		this.store.list(member("b", ALIVE));
		check();
		assertThat(this.events).containsExactly("joined a", "joined b");
		this.ticker.advance(MAX_AGE.plusSeconds(1));
		check();
		assertThat(this.events).containsExactly("joined a", "joined b", "dead a STALE");
	}

	@Test
	void expiredMembersAreRemovedAtMostOnceAMinute() {
		check();
		check();
		assertThat(this.store.cleanups).hasValue(1);
		this.ticker.advance(Duration.ofSeconds(61));
		check();
		assertThat(this.store.cleanups).hasValue(2);
	}

	@Test
	void aListenerThatThrowsDoesNotStopTheOthers() {
		List<String> heard = new ArrayList<>();
		FleetListener listeners = FleetListener.of(List.of(new FleetListener() {

			@Override
			public void onPeerJoined(FleetMember peer) {
				throw new IllegalStateException("boom");
			}

		}, new FleetListener() {

			@Override
			public void onPeerJoined(FleetMember peer) {
				heard.add(peer.instanceId());
			}

		}));
		FleetWatcher watcher = new FleetWatcher(
				new HeartbeatFleet(this.store, new FleetIdentity("orders", "self", "o")), Duration.ofSeconds(5),
				Duration.ofHours(1), listeners, () -> 0, this.ticker);
		this.store.list(member("a", ALIVE));
		assertThat(watcher.check()).isTrue();
		assertThat(heard).containsExactly("a");
	}

	private void check() {
		assertThat(this.watcher.check()).isTrue();
		this.ticker.advance(Duration.ofSeconds(5));
	}

}
