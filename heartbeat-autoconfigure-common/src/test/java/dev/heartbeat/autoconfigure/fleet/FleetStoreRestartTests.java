package dev.heartbeat.autoconfigure.fleet;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import dev.heartbeat.Heartbeat;
import dev.heartbeat.autoconfigure.fleet.FleetMemberApplication.PeerEvents;
import dev.heartbeat.fleet.FleetMember;
import dev.heartbeat.fleet.FleetPublisher;
import dev.heartbeat.fleet.HeartbeatFleet;
import dev.heartbeat.fleet.LocalMariaDb;
import dev.heartbeat.fleet.LocalPostgres;
import dev.heartbeat.fleet.LocalRedis;
import dev.heartbeat.fleet.MemberState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

/**
 * The store is stopped and started again under two running instances: their local beats
 * go on, their fleet beats resume without a restart, and neither reports the other dead.
 */
class FleetStoreRestartTests {

	private static final Duration GENEROUS = Duration.ofSeconds(60);

	// the grace after the store is back: a peer has this long to reconnect its pool and
	// beat again, which takes seconds on a loaded machine
	private static final Duration MAX_AGE = Duration.ofSeconds(10);

	private final List<ConfigurableApplicationContext> contexts = new ArrayList<>();

	@AfterEach
	void stop() {
		this.contexts.forEach(ConfigurableApplicationContext::close);
	}

	@Test
	void postgreSqlRestartedUnderRunningInstances() throws Exception {
		try (LocalPostgres postgres = LocalPostgres.start()) {
			restart(() -> postgres.stop(), () -> postgres.restart(), "spring.datasource.url=" + postgres.jdbcUrl(),
					"spring.datasource.username=" + postgres.username(),
					"spring.datasource.hikari.connection-timeout=1000", "heartbeat.fleet.store=jdbc",
					"heartbeat.fleet.jdbc.initialize-schema=always");
		}
	}

	@Test
	void mariaDbRestartedUnderRunningInstances() throws Exception {
		try (LocalMariaDb mariaDb = LocalMariaDb.start()) {
			restart(() -> mariaDb.stop(), () -> mariaDb.restart(), "spring.datasource.url=" + mariaDb.jdbcUrl(),
					"spring.datasource.username=" + mariaDb.username(),
					"spring.datasource.hikari.connection-timeout=1000", "heartbeat.fleet.store=jdbc",
					"heartbeat.fleet.jdbc.initialize-schema=always");
		}
	}

	@Test
	void redisRestartedEmptyUnderRunningInstances() throws Exception {
		try (LocalRedis redis = LocalRedis.start()) {
			restart(() -> redis.stop(), () -> redis.restart(), "spring.data.redis.host=127.0.0.1",
					"spring.data.redis.port=" + redis.port(), "spring.data.redis.timeout=1s",
					"heartbeat.fleet.store=redis");
		}
	}

	private void restart(Step stop, Step start, String... storeProperties) throws Exception {
		String group = "restart-" + UUID.randomUUID();
		ConfigurableApplicationContext a = start(FleetClusterTests.properties(group, "a", MAX_AGE, storeProperties));
		ConfigurableApplicationContext b = start(FleetClusterTests.properties(group, "b", MAX_AGE, storeProperties));
		PeerEvents eventsOfA = a.getBean(PeerEvents.class);
		PeerEvents eventsOfB = b.getBean(PeerEvents.class);
		await().atMost(GENEROUS).untilAsserted(() -> {
			assertThat(eventsOfA.events).contains("joined b");
			assertThat(eventsOfB.events).contains("joined a");
		});
		FleetPublisher publisherOfA = a.getBean(FleetPublisher.class);
		FleetPublisher publisherOfB = b.getBean(FleetPublisher.class);
		stop.run();
		long seqAtStop = a.getBean(Heartbeat.class).lastState().orElseThrow().seq();
		// the store is away for longer than a max age: every row in it is stale when it
		// comes back
		await().atMost(GENEROUS)
			.until(() -> publisherOfA.status().isFailing() && publisherOfB.status().isFailing()
					&& a.getBean(Heartbeat.class).lastState().orElseThrow().seq() >= seqAtStop + MAX_AGE.toSeconds()
							+ 1);
		assertThat(a.getBean(Heartbeat.class).lastFailure()).isEmpty();
		start.run();
		long publishedAtRestart = publisherOfA.status().published();
		await().atMost(GENEROUS).untilAsserted(() -> {
			assertThat(publisherOfA.status().isFailing()).isFalse();
			assertThat(publisherOfB.status().isFailing()).isFalse();
			assertThat(publisherOfA.status().published()).isGreaterThan(publishedAtRestart);
			assertThat(a.getBean(HeartbeatFleet.class).members())
				.extracting(FleetMember::instanceId, FleetMember::state)
				.containsExactly(tuple("a", MemberState.ALIVE), tuple("b", MemberState.ALIVE));
		});
		// the watchers have seen the store back and judged the peers again, for longer
		// than a max age
		await().during(MAX_AGE.plusSeconds(2))
			.atMost(GENEROUS)
			.until(() -> !eventsOfA.events.contains("dead b") && !eventsOfB.events.contains("dead a"));
		assertThat(eventsOfA.events).containsExactly("joined b");
		assertThat(eventsOfB.events).containsExactly("joined a");
	}

	private ConfigurableApplicationContext start(String[] properties) {
		ConfigurableApplicationContext context = FleetMemberApplication.run(properties);
		this.contexts.add(context);
		return context;
	}

	@FunctionalInterface
	private interface Step {

		void run() throws Exception;

	}

}
