package dev.heartbeat.fleet.benchmarks;

import java.net.ServerSocket;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

import com.zaxxer.hikari.HikariDataSource;
import dev.heartbeat.HeartbeatState;
import dev.heartbeat.HeartbeatStatus;
import dev.heartbeat.TargetStatus;
import dev.heartbeat.fleet.FleetIdentity;
import dev.heartbeat.fleet.FleetStore;
import dev.heartbeat.fleet.JdbcFleetStore;
import dev.heartbeat.fleet.LocalMariaDb;
import dev.heartbeat.fleet.RedisFleetStore;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.Test;
import redis.embedded.RedisServer;

import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * 1,000 simulated instances beat once a second against one PostgreSQL, one MariaDB and
 * one Redis on this machine, through the stores the starter uses; then a fleet of 10,000
 * members is listed. Prints the figures that docs/scaling.md reports. Run it alone, on a
 * quiet machine: <pre>
 * ./mvnw -pl fleet-benchmarks -am test -Dtest=FleetScaleBenchmark -Dsurefire.failIfNoSpecifiedTests=false
 * </pre> {@code -Dfleet.instances=1000 -Dfleet.seconds=60 -Dfleet.members=10000} change
 * the load.
 */
class FleetScaleBenchmark {

	private static final int INSTANCES = Integer.getInteger("fleet.instances", 1000);

	private static final int SECONDS = Integer.getInteger("fleet.seconds", 60);

	private static final int MEMBERS = Integer.getInteger("fleet.members", 10_000);

	private static final Duration MAX_AGE = Duration.ofSeconds(3);

	@Test
	void postgreSql() throws Exception {
		try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().setServerConfig("max_connections", "100").start();
				HikariDataSource pool = new HikariDataSource()) {
			pool.setJdbcUrl(postgres.getJdbcUrl("postgres", "postgres"));
			pool.setMaximumPoolSize(16);
			pool.setConnectionTimeout(2000);
			JdbcFleetStore store = new JdbcFleetStore(pool, "heartbeat_fleet");
			store.createTable();
			run("PostgreSQL " + serverVersion(pool) + ", HikariCP pool of 16", store);
		}
	}

	@Test
	void mariaDb() throws Exception {
		try (LocalMariaDb mariaDb = LocalMariaDb.start(); HikariDataSource pool = new HikariDataSource()) {
			pool.setJdbcUrl(mariaDb.jdbcUrl());
			pool.setUsername(mariaDb.username());
			pool.setMaximumPoolSize(16);
			pool.setConnectionTimeout(2000);
			JdbcFleetStore store = new JdbcFleetStore(pool, "heartbeat_fleet");
			store.createTable();
			run("MariaDB " + serverVersion(pool) + ", HikariCP pool of 16", store);
		}
	}

	@Test
	void redis() throws Exception {
		int port;
		try (ServerSocket socket = new ServerSocket(0)) {
			port = socket.getLocalPort();
		}
		RedisServer server = RedisServer.newRedisServer()
			.port(port)
			.setting("bind 127.0.0.1")
			.setting("save \"\"")
			.setting("appendonly no")
			.build();
		server.start();
		LettuceConnectionFactory connections = new LettuceConnectionFactory(
				new RedisStandaloneConfiguration("127.0.0.1", port));
		try {
			connections.afterPropertiesSet();
			connections.start();
			StringRedisTemplate redis = new StringRedisTemplate(connections);
			String version = String.valueOf(redis.execute((org.springframework.data.redis.core.RedisCallback<Object>) (
					connection) -> connection.serverCommands().info("server").getProperty("redis_version")));
			run("Redis " + version + ", one shared Lettuce connection", new RedisFleetStore(redis));
		}
		finally {
			connections.destroy();
			server.stop();
		}
	}

	private static void run(String store, FleetStore fleet) throws InterruptedException {
		System.out.println();
		System.out.println("== " + store + " on " + Runtime.getRuntime().availableProcessors() + " cores ==");
		warmUp(fleet);
		sustained(fleet);
		listing(fleet);
	}

	private static void warmUp(FleetStore fleet) {
		for (int i = 0; i < 2000; i++) {
			fleet.publish(new FleetIdentity("warm-up", "instance-" + (i % 100), "bench"), state(i), MAX_AGE);
		}
		for (int i = 0; i < 20; i++) {
			fleet.members("warm-up");
		}
	}

	private static void sustained(FleetStore fleet) throws InterruptedException {
		int samples = INSTANCES * (SECONDS + 2);
		long[] latencies = new long[samples];
		AtomicInteger recorded = new AtomicInteger();
		LongAdder failures = new LongAdder();
		AtomicLong maxLag = new AtomicLong();
		ScheduledThreadPoolExecutor instances = new ScheduledThreadPoolExecutor(32);
		List<ScheduledFuture<?>> beats = new ArrayList<>();
		long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(200);
		for (int i = 0; i < INSTANCES; i++) {
			FleetIdentity identity = new FleetIdentity("bench", "instance-" + i, "bench");
			long offset = TimeUnit.SECONDS.toNanos(1) * i / INSTANCES;
			AtomicLong seq = new AtomicLong();
			beats.add(instances.scheduleAtFixedRate(() -> {
				long beat = seq.incrementAndGet();
				long due = start + offset + TimeUnit.SECONDS.toNanos(beat - 1);
				long began = System.nanoTime();
				maxLag.accumulateAndGet(began - due, Math::max);
				try {
					fleet.publish(identity, state(beat), MAX_AGE);
				}
				catch (RuntimeException ex) {
					failures.increment();
				}
				int index = recorded.getAndIncrement();
				if (index < latencies.length) {
					latencies[index] = System.nanoTime() - began;
				}
			}, start + offset - System.nanoTime(), TimeUnit.SECONDS.toNanos(1), TimeUnit.NANOSECONDS));
		}
		Thread.sleep(TimeUnit.SECONDS.toMillis(SECONDS) + 200);
		beats.forEach((beat) -> beat.cancel(false));
		instances.shutdown();
		instances.awaitTermination(30, TimeUnit.SECONDS);
		double elapsed = (System.nanoTime() - start) / 1e9;
		int count = Math.min(recorded.get(), latencies.length);
		long[] sorted = Arrays.copyOf(latencies, count);
		Arrays.sort(sorted);
		System.out.printf("sustained: %d instances, %d s, %d writes (%.0f/s), %d failed, worst start lag %.1f ms%n",
				INSTANCES, SECONDS, count, count / elapsed, failures.sum(), maxLag.get() / 1e6);
		System.out.printf("write latency: p50 %.2f ms, p99 %.2f ms, p99.9 %.2f ms, max %.2f ms%n",
				percentile(sorted, 50), percentile(sorted, 99), percentile(sorted, 99.9), sorted[count - 1] / 1e6);
	}

	private static void listing(FleetStore fleet) {
		String group = "listing";
		for (int i = 0; i < MEMBERS; i++) {
			fleet.publish(new FleetIdentity(group, String.format("instance-%05d", i), "bench"), state(1),
					(i % 10 == 0) ? Duration.ofMillis(1) : Duration.ofMinutes(10));
		}
		// a watcher lists its fleet every check interval for as long as it runs: time the
		// listing once warm
		for (int i = 0; i < 10; i++) {
			fleet.members(group);
		}
		long[] times = new long[30];
		int listed = 0;
		for (int i = 0; i < times.length; i++) {
			long began = System.nanoTime();
			listed = fleet.members(group).size();
			times[i] = System.nanoTime() - began;
		}
		Arrays.sort(times);
		System.out.printf(
				"listing %d members (a tenth of them stale), after 10 warm-up listings: p50 %.1f ms, max %.1f ms over %d listings%n",
				listed, percentile(times, 50), times[times.length - 1] / 1e6, times.length);
	}

	private static double percentile(long[] sorted, double percentile) {
		int index = (int) Math.ceil(percentile / 100 * sorted.length) - 1;
		return sorted[Math.max(0, Math.min(index, sorted.length - 1))] / 1e6;
	}

	private static HeartbeatState state(long seq) {
		Instant now = Instant.now();
		return new HeartbeatState(now, 4242, "bench-host", Map.of("version", "1.4.2", "region", "eu-west-1"),
				HeartbeatStatus.UP, seq, Duration.ofSeconds(1), Map.of("feed", TargetStatus.ALIVE), now.plus(MAX_AGE));
	}

	private static String serverVersion(HikariDataSource pool) throws SQLException {
		try (Connection connection = pool.getConnection()) {
			return connection.getMetaData().getDatabaseProductVersion();
		}
	}

}
