package dev.heartbeat.endpoint;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import dev.heartbeat.Heartbeat;
import dev.heartbeat.HeartbeatState;
import dev.heartbeat.HeartbeatStatus;
import dev.heartbeat.endpoint.FleetSection.FleetDescriptor;
import dev.heartbeat.fleet.FleetIdentity;
import dev.heartbeat.fleet.FleetListener;
import dev.heartbeat.fleet.FleetMember;
import dev.heartbeat.fleet.FleetPublisher;
import dev.heartbeat.fleet.FleetStore;
import dev.heartbeat.fleet.HeartbeatFleet;
import dev.heartbeat.fleet.MemberState;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

class FleetSectionTests {

	private static final Instant LAST_BEAT = Instant.parse("2026-01-12T10:00:00Z");

	private final Heartbeat heartbeat = Heartbeat.builder().build();

	@Test
	void theFleetSectionListsTheMembers() {
		FleetStore store = store(List.of(member("a", MemberState.ALIVE), member("b", MemberState.STALE)), null);
		HeartbeatFleet fleet = new HeartbeatFleet(store, new FleetIdentity("orders", "a", "orders"));
		try (FleetPublisher publisher = new FleetPublisher(store, fleet.self(), Duration.ofSeconds(1),
				new FleetListener() {
				})) {
			HeartbeatEndpoint endpoint = new HeartbeatEndpoint(this.heartbeat, new FleetSection(fleet, publisher));
			FleetDescriptor described = endpoint.section("fleet");
			assertThat(described).isNotNull();
			assertThat(described.group()).isEqualTo("orders");
			assertThat(described.instanceId()).isEqualTo("a");
			assertThat(described.problem()).isNull();
			assertThat(described.members())
				.extracting(FleetSection.MemberDescriptor::instanceId, FleetSection.MemberDescriptor::state,
						FleetSection.MemberDescriptor::self)
				.containsExactly(tuple("a", MemberState.ALIVE, true), tuple("b", MemberState.STALE, false));
			assertThat(described.members().get(0).maxAge()).isEqualTo(Duration.ofSeconds(30));
			assertThat(endpoint.section("other")).isNull();
		}
	}

	@Test
	void aStoreThatCannotBeReadIsAProblemNotAnError() {
		FleetStore store = store(List.of(), new IllegalStateException("connection refused"));
		HeartbeatFleet fleet = new HeartbeatFleet(store, new FleetIdentity("orders", "a", "orders"));
		try (FleetPublisher publisher = new FleetPublisher(store, fleet.self(), Duration.ofSeconds(1),
				new FleetListener() {
				})) {
			FleetDescriptor described = new HeartbeatEndpoint(this.heartbeat, new FleetSection(fleet, publisher))
				.section("fleet");
			assertThat(described.members()).isNull();
			assertThat(described.problem()).contains("connection refused");
		}
	}

	@Test
	void withoutAFleetThereIsNoFleetSection() {
		assertThat(new HeartbeatEndpoint(this.heartbeat).section("fleet")).isNull();
	}

	private static FleetMember member(String id, MemberState state) {
		return new FleetMember(id, "orders", "orders", "host-" + id, 1, HeartbeatStatus.UP, 3, LAST_BEAT,
				LAST_BEAT.plusSeconds(30), Map.of(), state);
	}

	private static FleetStore store(List<FleetMember> members, RuntimeException failure) {
		return new FleetStore() {

			@Override
			public void publish(FleetIdentity identity, HeartbeatState state, Duration maxAge) {
			}

			@Override
			public List<FleetMember> members(String group) {
				if (failure != null) {
					throw failure;
				}
				return members;
			}

			@Override
			public int removeExpired(String group, Duration retention) {
				return 0;
			}

		};
	}

}
