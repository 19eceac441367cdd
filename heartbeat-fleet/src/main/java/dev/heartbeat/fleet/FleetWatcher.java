package dev.heartbeat.fleet;

import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

import dev.heartbeat.Ticker;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * Lists the fleet at a fixed delay and tells a {@link FleetListener} when a peer joins,
 * dies or stops, as this instance sees it.
 * <p>
 * Events are transitions of what this instance saw: a peer first seen alive has joined
 * (so the first check reports every live peer), a peer seen alive and then stale is dead,
 * seen alive and then stopped has stopped. A peer first seen stale or stopped is not
 * reported: it died before this instance looked. A peer seen alive that is gone from the
 * store (a Redis that lost its data) is dead once it has stayed gone for its maximum age.
 * <p>
 * After the store could not be reached (a check that could not list the fleet, or a beat
 * that could not be written), no peer is reported dead for its maximum age: the peers
 * could not write either, and need one beat to be fresh again. Members the store has
 * forgotten are forgotten here after the retention. Every {@code min(retention, 1 min)},
 * a check also removes the members whose last beat turned stale more than the retention
 * ago.
 *
 * @since 0.1.0
 */
public final class FleetWatcher implements AutoCloseable {

	/**
	 * The name of the watcher's thread.
	 */
	public static final String THREAD_NAME = "heartbeat-fleet-watcher";

	private static final Log logger = LogFactory.getLog(FleetWatcher.class);

	private static final Duration MAX_CLEANUP_PERIOD = Duration.ofMinutes(1);

	private final HeartbeatFleet fleet;

	private final Duration checkInterval;

	private final Duration retention;

	private final FleetListener listener;

	private final LongSupplier writeFailures;

	private final Ticker ticker;

	private final Map<String, Known> known = new HashMap<>();

	private final Object monitor = new Object();

	private @Nullable ScheduledThreadPoolExecutor executor;

	private boolean checked;

	private boolean failing;

	private long seenWriteFailures;

	private long outageNanos;

	private boolean outage;

	private long lastCleanupNanos;

	private boolean cleaned;

	/**
	 * Create a watcher.
	 * @param fleet the fleet to list
	 * @param checkInterval the time between the end of a check and the start of the next
	 * @param retention how long stale and stopped members are kept in the store
	 * @param listener told of peers that join, die and stop
	 * @param writeFailures the number of this instance's beats that could not be written
	 * so far (such as {@code () -> publisher.status().failures()}), a sign that peers
	 * could not write either
	 * @param ticker the monotonic clock that times outages and forgetting
	 */
	public FleetWatcher(HeartbeatFleet fleet, Duration checkInterval, Duration retention, FleetListener listener,
			LongSupplier writeFailures, Ticker ticker) {
		this.fleet = fleet;
		this.checkInterval = checkInterval;
		this.retention = retention;
		this.listener = listener;
		this.writeFailures = writeFailures;
		this.ticker = ticker;
	}

	/**
	 * Check now, then every check interval, on the watcher's daemon thread. Does nothing
	 * if started already.
	 */
	public void start() {
		synchronized (this.monitor) {
			if (this.executor != null) {
				return;
			}
			ScheduledThreadPoolExecutor started = new ScheduledThreadPoolExecutor(1, (runnable) -> {
				Thread thread = new Thread(runnable, THREAD_NAME);
				thread.setDaemon(true);
				return thread;
			});
			started.scheduleWithFixedDelay(this::checkQuietly, 0, this.checkInterval.toNanos(), TimeUnit.NANOSECONDS);
			this.executor = started;
		}
	}

	/**
	 * Stop checking. Idempotent.
	 */
	public void stop() {
		ScheduledThreadPoolExecutor stopping;
		synchronized (this.monitor) {
			stopping = this.executor;
			this.executor = null;
		}
		if (stopping != null) {
			stopping.shutdownNow();
		}
	}

	/**
	 * Whether the watcher checks on its thread.
	 * @return {@code true} between {@link #start()} and {@link #stop()}
	 */
	public boolean isRunning() {
		synchronized (this.monitor) {
			return this.executor != null;
		}
	}

	/**
	 * Stop checking, as {@link #stop()} does.
	 */
	@Override
	public void close() {
		stop();
	}

	/**
	 * The time between two checks.
	 * @return the check interval
	 */
	public Duration checkInterval() {
		return this.checkInterval;
	}

	/**
	 * How long stale and stopped members are kept.
	 * @return the retention
	 */
	public Duration retention() {
		return this.retention;
	}

	private void checkQuietly() {
		try {
			check();
		}
		catch (Throwable ex) {
			// a periodic task that throws is never run again
			logger.error("Fleet check failed unexpectedly; the next check goes on", ex);
		}
	}

	/**
	 * List the fleet once and report what changed since the last check.
	 * @return whether the fleet could be listed
	 */
	public synchronized boolean check() {
		long now = this.ticker.nanoTime();
		List<FleetMember> members;
		try {
			members = this.fleet.members();
		}
		catch (RuntimeException ex) {
			startOutage(now);
			if (!this.failing) {
				this.failing = true;
				logger.warn("Fleet check could not list the fleet (" + this.fleet.store() + "): " + ex
						+ "; no peer is reported dead until the store answers again");
			}
			return false;
		}
		if (this.failing) {
			this.failing = false;
			logger.info("Fleet check lists the fleet again");
		}
		long failures = this.writeFailures.getAsLong();
		if (failures != this.seenWriteFailures) {
			this.seenWriteFailures = failures;
			startOutage(now);
		}
		Set<String> listed = new HashSet<>();
		for (FleetMember member : members) {
			if (!this.fleet.isSelf(member)) {
				listed.add(member.instanceId());
				see(member, now);
			}
		}
		missing(listed, now);
		this.checked = true;
		cleanup(now);
		return true;
	}

	private void see(FleetMember member, long now) {
		Known previous = this.known.get(member.instanceId());
		boolean wasAlive = previous != null && previous.member.state() == MemberState.ALIVE;
		switch (member.state()) {
			case ALIVE -> {
				if (!wasAlive) {
					logger.info("Fleet peer " + member.instanceId() + " (" + member.hostname() + ", pid " + member.pid()
							+ ") joined");
					this.listener.onPeerJoined(member);
				}
			}
			case STALE -> {
				if (wasAlive) {
					if (isInOutage(now, member.maxAge())) {
						// it could not write while the store was away: give it one
						// maximum age to beat again
						return;
					}
					dead(member);
				}
			}
			case STOPPED -> {
				if (wasAlive) {
					logger.info("Fleet peer " + member.instanceId() + " stopped");
					this.listener.onPeerStopped(member);
				}
			}
		}
		this.known.put(member.instanceId(), new Known(member, now, null));
	}

	private void missing(Set<String> listed, long now) {
		for (var entries = this.known.entrySet().iterator(); entries.hasNext();) {
			Map.Entry<String, Known> entry = entries.next();
			if (listed.contains(entry.getKey())) {
				continue;
			}
			Known known = entry.getValue();
			long missingSince = (known.missingSince != null) ? known.missingSince : now;
			FleetMember last = known.member;
			if (last.state() == MemberState.ALIVE) {
				if (now - missingSince > last.maxAge().toNanos() && !isInOutage(now, last.maxAge())) {
					FleetMember gone = new FleetMember(last.instanceId(), last.group(), last.application(),
							last.hostname(), last.pid(), last.status(), last.seq(), last.lastBeat(), last.staleAfter(),
							last.metadata(), MemberState.STALE);
					dead(gone);
					entry.setValue(new Known(gone, known.seenNanos, missingSince));
				}
				else {
					entry.setValue(new Known(last, known.seenNanos, missingSince));
				}
			}
			else if (now - missingSince > this.retention.toNanos()) {
				entries.remove();
			}
			else {
				entry.setValue(new Known(last, known.seenNanos, missingSince));
			}
		}
	}

	private void dead(FleetMember member) {
		logger.warn("Fleet peer " + member.instanceId() + " (" + member.hostname() + ", pid " + member.pid()
				+ ") is dead: no beat since " + member.lastBeat());
		this.listener.onPeerDead(member);
	}

	private void startOutage(long now) {
		this.outage = true;
		this.outageNanos = now;
	}

	private boolean isInOutage(long now, Duration maxAge) {
		return this.outage && now - this.outageNanos <= maxAge.toNanos();
	}

	private void cleanup(long now) {
		long period = Math.min(this.retention.toNanos(), MAX_CLEANUP_PERIOD.toNanos());
		if (this.cleaned && now - this.lastCleanupNanos < period) {
			return;
		}
		this.cleaned = true;
		this.lastCleanupNanos = now;
		try {
			int removed = this.fleet.store().removeExpired(this.fleet.group(), this.retention);
			if (removed > 0 && logger.isDebugEnabled()) {
				logger.debug("Fleet check removed " + removed + " member(s) stale for longer than " + this.retention);
			}
		}
		catch (RuntimeException ex) {
			logger.debug("Fleet check could not remove expired members: " + ex);
		}
	}

	/**
	 * Whether the first check has listed the fleet.
	 * @return {@code true} after a check that worked
	 */
	public synchronized boolean hasChecked() {
		return this.checked;
	}

	private record Known(FleetMember member, long seenNanos, @Nullable Long missingSince) {
	}

}
