package dev.heartbeat.sample;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import dev.heartbeat.HeartbeatTarget;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * A simulated connection to an upstream service, such as a websocket client: it can be
 * made to drop, and reconnects when the heartbeat recovers it, after a few failed
 * attempts; or the upstream can go down, and then every reconnection fails until it is
 * back.
 * <p>
 * Being a {@link HeartbeatTarget} bean named {@code upstream} is all it takes to be
 * watched.
 */
@Component("upstream")
public class UpstreamConnection implements HeartbeatTarget {

	private static final Log logger = LogFactory.getLog(UpstreamConnection.class);

	private final AtomicBoolean connected = new AtomicBoolean(true);

	private final AtomicBoolean upstreamDown = new AtomicBoolean();

	private final AtomicInteger failedAttempts = new AtomicInteger();

	private final AtomicInteger reconnections = new AtomicInteger();

	private final int attemptsToReconnect;

	public UpstreamConnection(@Value("${sample.upstream.attempts-to-reconnect:3}") int attemptsToReconnect) {
		this.attemptsToReconnect = attemptsToReconnect;
	}

	@Override
	public boolean isDead() {
		return !this.connected.get();
	}

	@Override
	public void recover() {
		if (this.upstreamDown.get()) {
			logger.info("Reconnecting to upstream failed (attempt " + this.failedAttempts.incrementAndGet()
					+ "): the upstream is down");
			return;
		}
		if (this.failedAttempts.incrementAndGet() < this.attemptsToReconnect) {
			logger.info("Reconnecting to upstream failed (attempt " + this.failedAttempts.get() + ")");
			return;
		}
		reconnect();
	}

	/**
	 * Drop the connection, as a network failure would.
	 */
	public void drop() {
		this.connected.set(false);
		logger.info("Upstream connection dropped");
	}

	/**
	 * Drop the connection because the upstream itself went down: every reconnection fails
	 * until {@link #reconnect()}, so that the heartbeat's recovery attempts run out and
	 * it escalates.
	 */
	public void outage() {
		this.upstreamDown.set(true);
		this.connected.set(false);
		logger.info("Upstream is down: the connection dropped and reconnections fail until it is back");
	}

	/**
	 * Reconnect at once, as a client that reconnects by itself would once the upstream is
	 * back.
	 */
	public void reconnect() {
		this.upstreamDown.set(false);
		this.failedAttempts.set(0);
		this.connected.set(true);
		this.reconnections.incrementAndGet();
		logger.info("Reconnected to upstream");
	}

	public boolean isConnected() {
		return this.connected.get();
	}

	public boolean isUpstreamDown() {
		return this.upstreamDown.get();
	}

	public int reconnections() {
		return this.reconnections.get();
	}

}
