package dev.heartbeat.autoconfigure.fleet;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import dev.heartbeat.autoconfigure.fleet.FleetMemberApplication.PeerEvents;
import dev.heartbeat.fleet.FleetMember;
import dev.heartbeat.fleet.HeartbeatFleet;
import dev.heartbeat.fleet.JdbcFleetStore;
import dev.heartbeat.fleet.LocalMariaDb;
import dev.heartbeat.fleet.LocalPostgres;
import dev.heartbeat.fleet.LocalRedis;
import dev.heartbeat.fleet.MemberState;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Three instances share one real store: two Spring contexts in this JVM and a third JVM.
 * Each sees the other two; the third JVM is killed with SIGKILL and the others report it
 * dead, not before its last beat reached its maximum age, and within its maximum age and
 * one check interval give or take what a loaded machine adds; one instance stops cleanly
 * and the last sees it stopped, not dead. How soon after its maximum age a peer is
 * reported is timed exactly, on a fake ticker, by {@code FleetWatcherTests}.
 */
class FleetClusterTests {

	private static final Duration GENEROUS = Duration.ofSeconds(60);

	private static final Duration MAX_AGE = Duration.ofSeconds(3);

	private static final Duration CHECK_INTERVAL = Duration.ofSeconds(1);

	// three JVMs and a database on a shared machine: checks and queries can be seconds
	// late
	private static final Duration LOADED_MACHINE = Duration.ofSeconds(10);

	private final List<ConfigurableApplicationContext> contexts = new ArrayList<>();

	private Process child;

	@AfterEach
	void stop() {
		this.contexts.forEach(ConfigurableApplicationContext::close);
		if (this.child != null) {
			this.child.destroyForcibly();
		}
	}

	@Test
	void threeInstancesOnPostgreSql() throws Exception {
		LocalPostgres postgres = LocalPostgres.shared();
		cluster("spring.datasource.url=" + postgres.jdbcUrl(), "spring.datasource.username=" + postgres.username(),
				"spring.datasource.hikari.connection-timeout=2000", "heartbeat.fleet.store=jdbc",
				"heartbeat.fleet.jdbc.initialize-schema=always");
	}

	@Test
	void threeInstancesOnMariaDb() throws Exception {
		LocalMariaDb mariaDb = LocalMariaDb.shared();
		cluster((context) -> {
			// Boot's driver for the URL, and its platform for MariaDB: mysql
			DataSource dataSource = context.getBean(DataSource.class);
			assertThat(dataSource).asInstanceOf(InstanceOfAssertFactories.type(HikariDataSource.class))
				.extracting(HikariDataSource::getDriverClassName)
				.isEqualTo("org.mariadb.jdbc.Driver");
			assertThat(context.getBean(JdbcFleetStore.class).platform()).isEqualTo("mysql");
			assertThat(
					new JdbcTemplate(dataSource).queryForObject(
							"SELECT table_collation FROM information_schema.tables"
									+ " WHERE table_schema = DATABASE() AND table_name = 'heartbeat_fleet'",
							String.class))
				.isEqualTo("utf8mb4_bin");
		}, "spring.datasource.url=" + mariaDb.jdbcUrl(), "spring.datasource.username=" + mariaDb.username(),
				"spring.datasource.hikari.connection-timeout=2000", "heartbeat.fleet.store=jdbc",
				"heartbeat.fleet.jdbc.initialize-schema=always");
	}

	@Test
	void threeInstancesOnRedis() throws Exception {
		LocalRedis redis = LocalRedis.shared();
		cluster("spring.data.redis.host=127.0.0.1", "spring.data.redis.port=" + redis.port(),
				"spring.data.redis.timeout=2s", "heartbeat.fleet.store=redis");
	}

	private void cluster(String... storeProperties) throws Exception {
		cluster((context) -> {
		}, storeProperties);
	}

	private void cluster(Consumer<ConfigurableApplicationContext> storeCheck, String... storeProperties)
			throws Exception {
		String group = "cluster-" + UUID.randomUUID();
		List<String> childLines = new CopyOnWriteArrayList<>();
		this.child = startChild(properties(group, "c", storeProperties), childLines);
		ConfigurableApplicationContext a = start(properties(group, "a", storeProperties));
		storeCheck.accept(a);
		ConfigurableApplicationContext b = start(properties(group, "b", storeProperties));
		PeerEvents eventsOfA = a.getBean(PeerEvents.class);
		PeerEvents eventsOfB = b.getBean(PeerEvents.class);
		// each sees the other two
		await().atMost(GENEROUS).untilAsserted(() -> {
			assertThat(eventsOfA.events).contains("joined b", "joined c");
			assertThat(eventsOfB.events).contains("joined a", "joined c");
			assertThat(childLines).contains("joined a", "joined b");
		});
		HeartbeatFleet fleetOfA = a.getBean(HeartbeatFleet.class);
		assertThat(fleetOfA.members()).extracting(FleetMember::instanceId).containsExactly("a", "b", "c");
		assertThat(fleetOfA.members()).allMatch(FleetMember::isAlive);
		// SIGKILL: no last beat, no goodbye
		long killed = System.nanoTime();
		this.child.destroyForcibly();
		assertThat(this.child.waitFor(30, TimeUnit.SECONDS)).isTrue();
		await().atMost(GENEROUS).pollInterval(Duration.ofMillis(50)).untilAsserted(() -> {
			assertThat(eventsOfA.events).contains("dead c");
			assertThat(eventsOfB.events).contains("dead c");
		});
		Duration detected = Duration.ofNanos(System.nanoTime() - killed);
		System.out.println("Fleet cluster test: SIGKILLed instance reported dead after " + detected);
		assertThat(detected).isLessThan(MAX_AGE.plus(CHECK_INTERVAL).plus(LOADED_MACHINE));
		// never before its last beat (by the store's clock, on this host) reached its
		// maximum age: load only makes it later
		assertThat(eventsOfA.times.get("dead c"))
			.isAfterOrEqualTo(fleetOfA.member("c").orElseThrow().lastBeat().plus(MAX_AGE));
		assertThat(fleetOfA.member("c"))
			.hasValueSatisfying((member) -> assertThat(member.state()).isEqualTo(MemberState.STALE));
		// a clean stop: STOPPED, not dead
		b.close();
		await().atMost(GENEROUS).untilAsserted(() -> assertThat(eventsOfA.events).contains("stopped b"));
		assertThat(fleetOfA.member("b"))
			.hasValueSatisfying((member) -> assertThat(member.state()).isEqualTo(MemberState.STOPPED));
		await().during(MAX_AGE.plus(CHECK_INTERVAL.multipliedBy(2)))
			.atMost(GENEROUS)
			.until(() -> !eventsOfA.events.contains("dead b"));
		assertThat(eventsOfA.events).containsExactlyInAnyOrder("joined b", "joined c", "dead c", "stopped b");
	}

	private ConfigurableApplicationContext start(String[] properties) {
		ConfigurableApplicationContext context = FleetMemberApplication.run(properties);
		this.contexts.add(context);
		return context;
	}

	static String[] properties(String group, String instanceId, String... storeProperties) {
		return properties(group, instanceId, MAX_AGE, storeProperties);
	}

	static String[] properties(String group, String instanceId, Duration maxAge, String... storeProperties) {
		List<String> properties = new ArrayList<>(List.of("spring.application.name=fleet-test", "heartbeat.state-file=",
				"heartbeat.interval=1s", "heartbeat.max-age=" + maxAge.toSeconds() + "s",
				"heartbeat.fleet.group=" + group, "heartbeat.fleet.instance-id=" + instanceId,
				"heartbeat.fleet.check-interval=" + CHECK_INTERVAL.toSeconds() + "s", "heartbeat.fleet.timeout=1s",
				"logging.level.dev.heartbeat=warn"));
		properties.addAll(List.of(storeProperties));
		return properties.toArray(String[]::new);
	}

	private static Process startChild(String[] properties, List<String> lines) throws IOException {
		List<String> command = new ArrayList<>(
				List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xshare:auto",
						"-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
						FleetMemberApplication.class.getName()));
		for (String property : properties) {
			command.add("--" + property);
		}
		Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
		Thread reader = new Thread(() -> {
			try (BufferedReader output = new BufferedReader(
					new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
				for (String line = output.readLine(); line != null; line = output.readLine()) {
					lines.add(line.strip());
				}
			}
			catch (IOException ex) {
				// the process is gone
			}
		}, "fleet-child-output");
		reader.setDaemon(true);
		reader.start();
		return process;
	}

}
