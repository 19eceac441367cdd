package dev.heartbeat.fleet;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import dev.heartbeat.HeartbeatState;
import dev.heartbeat.HeartbeatStatus;
import dev.heartbeat.TargetStatus;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What every {@link FleetStore} does, run against each real store by a subclass.
 */
abstract class FleetStoreContract {

	static final Duration GENEROUS = Duration.ofSeconds(30);

	private String group = "";

	abstract FleetStore store();

	@BeforeEach
	void newGroup() {
		// each test in a group of its own: the stores are shared by the tests
		this.group = "group-" + UUID.randomUUID();
	}

	@Test
	void aPublishedBeatIsListedAliveWithItsState() {
		Instant before = Instant.now();
		store().publish(identity("a"), state(7, HeartbeatStatus.UP, Map.of("version", "1.4.2")),
				Duration.ofSeconds(30));
		List<FleetMember> members = store().members(this.group);
		assertThat(members).hasSize(1);
		FleetMember member = members.get(0);
		assertThat(member.instanceId()).isEqualTo("a");
		assertThat(member.group()).isEqualTo(this.group);
		assertThat(member.application()).isEqualTo("orders");
		assertThat(member.hostname()).isEqualTo("host-a");
		assertThat(member.pid()).isEqualTo(4242);
		assertThat(member.status()).isEqualTo(HeartbeatStatus.UP);
		assertThat(member.seq()).isEqualTo(7);
		assertThat(member.metadata()).containsExactly(Map.entry("version", "1.4.2"));
		assertThat(member.state()).isEqualTo(MemberState.ALIVE);
		assertThat(member.isAlive()).isTrue();
		// stamped by the store's clock, which is this machine's
		assertThat(member.lastBeat()).isBetween(before.minusSeconds(5), Instant.now().plusSeconds(5));
		assertThat(member.maxAge()).isBetween(Duration.ofMillis(29_990), Duration.ofMillis(30_010));
	}

	@Test
	void aNewBeatReplacesTheLastOne() {
		store().publish(identity("a"), state(1, HeartbeatStatus.STARTING, Map.of()), Duration.ofSeconds(30));
		store().publish(identity("a"), state(2, HeartbeatStatus.UP, Map.of("n", 2)), Duration.ofSeconds(30));
		assertThat(store().members(this.group)).singleElement().satisfies((member) -> {
			assertThat(member.seq()).isEqualTo(2);
			assertThat(member.status()).isEqualTo(HeartbeatStatus.UP);
			assertThat(member.metadata()).containsEntry("n", 2);
		});
	}

	@Test
	void membersAreListedByInstanceIdAndByGroup() {
		for (String id : List.of("c", "a", "b")) {
			store().publish(identity(id), state(1, HeartbeatStatus.UP, Map.of()), Duration.ofSeconds(30));
		}
		store().publish(new FleetIdentity(this.group + "-other", "z", "orders"), state(1, HeartbeatStatus.UP, Map.of()),
				Duration.ofSeconds(30));
		assertThat(store().members(this.group)).extracting(FleetMember::instanceId).containsExactly("a", "b", "c");
		assertThat(store().members(this.group + "-other")).extracting(FleetMember::instanceId).containsExactly("z");
		assertThat(store().members(this.group + "-none")).isEmpty();
	}

	@Test
	void namesThatDifferOnlyInCaseOrAccentsAreDistinct() {
		for (String id : List.of("web-1", "WEB-1", "w\u00e9b-1")) {
			store().publish(identity(id), state(1, HeartbeatStatus.UP, Map.of()), Duration.ofSeconds(30));
		}
		store().publish(new FleetIdentity(this.group.toUpperCase(Locale.ROOT), "web-1", "orders"),
				state(1, HeartbeatStatus.UP, Map.of()), Duration.ofSeconds(30));
		assertThat(store().members(this.group)).extracting(FleetMember::instanceId)
			.containsExactlyInAnyOrder("web-1", "WEB-1", "w\u00e9b-1");
		assertThat(store().members(this.group.toUpperCase(Locale.ROOT))).extracting(FleetMember::instanceId)
			.containsExactly("web-1");
	}

	@Test
	void aBeatOlderThanItsMaxAgeIsStale() {
		store().publish(identity("a"), state(3, HeartbeatStatus.UP, Map.of("k", "v")), Duration.ofMillis(1));
		store().publish(identity("b"), state(3, HeartbeatStatus.UP, Map.of()), Duration.ofMinutes(5));
		await().atMost(GENEROUS).until(() -> store().members(this.group).get(0).state() == MemberState.STALE);
		FleetMember stale = store().members(this.group).get(0);
		// a stale member is still described by its last beat
		assertThat(stale.hostname()).isEqualTo("host-a");
		assertThat(stale.seq()).isEqualTo(3);
		assertThat(stale.metadata()).containsEntry("k", "v");
		assertThat(store().members(this.group).get(1).state()).isEqualTo(MemberState.ALIVE);
	}

	@Test
	void staleIsJudgedByTheStoresClockNotTheWriters() {
		// a host whose clock is an hour ahead: its beats still turn stale after their max
		// age
		Instant skewed = Instant.now().plus(Duration.ofHours(1));
		HeartbeatState state = new HeartbeatState(skewed, 1, "skewed-host", Map.of(), HeartbeatStatus.UP, 1,
				Duration.ofSeconds(1), Map.of(), skewed.plusSeconds(3));
		store().publish(identity("skewed"), state, Duration.ofMillis(200));
		FleetMember member = store().members(this.group).get(0);
		assertThat(member.lastBeat()).isBefore(Instant.now().plusSeconds(60));
		assertThat(member.maxAge()).isEqualTo(Duration.ofMillis(200));
		await().atMost(GENEROUS).until(() -> store().members(this.group).get(0).state() == MemberState.STALE);
	}

	@Test
	void aStoppedBeatIsStoppedEvenOnceOlderThanItsMaxAge() {
		store().publish(identity("a"), state(9, HeartbeatStatus.STOPPED, Map.of()), Duration.ofMillis(1));
		assertThat(store().members(this.group)).singleElement()
			.satisfies((member) -> assertThat(member.state()).isEqualTo(MemberState.STOPPED));
		await().during(Duration.ofMillis(50))
			.atMost(GENEROUS)
			.until(() -> store().members(this.group).get(0).state() == MemberState.STOPPED);
	}

	@Test
	void expiredMembersAreRemovedAndLiveOnesKept() {
		store().publish(identity("dead"), state(1, HeartbeatStatus.UP, Map.of()), Duration.ofMillis(1));
		store().publish(identity("stopped"), state(1, HeartbeatStatus.STOPPED, Map.of()), Duration.ofMillis(1));
		store().publish(identity("alive"), state(1, HeartbeatStatus.UP, Map.of()), Duration.ofMinutes(5));
		assertThat(store().removeExpired(this.group, Duration.ofHours(1))).isZero();
		await().atMost(GENEROUS).until(() -> {
			store().removeExpired(this.group, Duration.ofMillis(1));
			return store().members(this.group).size() == 1;
		});
		assertThat(store().members(this.group)).extracting(FleetMember::instanceId).containsExactly("alive");
	}

	@Test
	void metadataKeepsItsJsonValues() {
		Map<String, Object> metadata = new LinkedHashMap<>();
		metadata.put("text", "caf\u00e9 \"quoted\" \\ line\nbreak");
		metadata.put("integer", 42);
		metadata.put("large", 9_007_199_254_740_993L);
		metadata.put("decimal", 1.5);
		metadata.put("flag", true);
		metadata.put("nothing", null);
		metadata.put("list", List.of(1, "two", false));
		metadata.put("nested", Map.of("depth", Map.of("x", 1)));
		store().publish(identity("a"), state(1, HeartbeatStatus.UP, metadata), Duration.ofSeconds(30));
		Map<String, Object> read = store().members(this.group).get(0).metadata();
		assertThat(read.get("text")).isEqualTo("caf\u00e9 \"quoted\" \\ line\nbreak");
		assertThat(((Number) read.get("integer")).longValue()).isEqualTo(42);
		assertThat(((Number) read.get("large")).longValue()).isEqualTo(9_007_199_254_740_993L);
		assertThat(((Number) read.get("decimal")).doubleValue()).isEqualTo(1.5);
		assertThat(read.get("flag")).isEqualTo(true);
		assertThat(read).containsKey("nothing");
		assertThat(read.get("nothing")).isNull();
		assertThat((List<?>) read.get("list")).hasSize(3);
		assertThat(read.get("nested")).isEqualTo(Map.of("depth", Map.of("x", 1)));
	}

	@Test
	void largeMetadataAndNamesOutsideTheBasicPlaneAreKept() {
		String large = "\uD83D\uDC93".repeat(50_000);
		String name = "\uD83D\uDC93-" + "x".repeat(FleetIdentity.MAX_LENGTH - 3);
		store().publish(identity(name), state(1, HeartbeatStatus.UP, Map.of("large", large)), Duration.ofSeconds(30));
		assertThat(store().members(this.group)).singleElement().satisfies((member) -> {
			assertThat(member.instanceId()).isEqualTo(name);
			assertThat(member.metadata()).containsEntry("large", large);
		});
	}

	FleetIdentity identity(String instanceId) {
		return new FleetIdentity(this.group, instanceId, "orders");
	}

	static HeartbeatState state(long seq, HeartbeatStatus status, Map<String, ?> metadata) {
		Instant now = Instant.now();
		@SuppressWarnings("unchecked")
		Map<String, Object> values = (Map<String, Object>) metadata;
		return new HeartbeatState(now, 4242, "host-a", values, status, seq, Duration.ofSeconds(10),
				Map.of("feed", TargetStatus.ALIVE), now.plusSeconds(30));
	}

}
