package dev.heartbeat.fleet;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;

import org.jspecify.annotations.Nullable;
import redis.embedded.RedisServer;

import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * A real Redis server (the redis-server binary that codemonstur's embedded-redis ships)
 * that can be stopped and started again on the same port. It keeps nothing on disk: a
 * restart loses every key, the hardest restart for the fleet.
 */
public final class LocalRedis implements AutoCloseable {

	private static @Nullable LocalRedis shared;

	private final int port;

	private @Nullable RedisServer server;

	private LocalRedis(int port) {
		this.port = port;
	}

	/**
	 * Start a server on a free port.
	 * @return the running server
	 * @throws IOException if it cannot start
	 */
	public static LocalRedis start() throws IOException {
		LocalRedis redis = new LocalRedis(freePort());
		redis.restart();
		return redis;
	}

	/**
	 * A server shared by the tests of this JVM that never stop it, started on first use
	 * and stopped when the JVM exits.
	 * @return the shared server
	 * @throws IOException if it cannot start
	 */
	public static synchronized LocalRedis shared() throws IOException {
		if (shared == null) {
			LocalRedis started = start();
			Runtime.getRuntime().addShutdownHook(new Thread(started::close, "local-redis-closer"));
			shared = started;
		}
		return shared;
	}

	public int port() {
		return this.port;
	}

	/**
	 * A connection factory for this server, started; the caller destroys it.
	 * @return the connection factory
	 */
	public LettuceConnectionFactory connectionFactory() {
		LettuceConnectionFactory factory = new LettuceConnectionFactory(
				new RedisStandaloneConfiguration("127.0.0.1", this.port));
		factory.afterPropertiesSet();
		factory.start();
		return factory;
	}

	/**
	 * Stop the server; its keys are lost.
	 * @throws IOException if it cannot stop
	 */
	public synchronized void stop() throws IOException {
		RedisServer running = this.server;
		this.server = null;
		if (running != null) {
			running.stop();
		}
	}

	/**
	 * Start the server again on its port, empty.
	 * @throws IOException if it cannot start
	 */
	public synchronized void restart() throws IOException {
		if (this.server != null) {
			return;
		}
		RedisServer started = RedisServer.newRedisServer()
			.port(this.port)
			.setting("bind 127.0.0.1")
			.setting("save \"\"")
			.setting("appendonly no")
			.build();
		started.start();
		this.server = started;
	}

	@Override
	public void close() {
		try {
			stop();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

}
