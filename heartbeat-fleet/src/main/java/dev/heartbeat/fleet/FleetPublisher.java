package dev.heartbeat.fleet;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

import dev.heartbeat.HeartbeatListener;
import dev.heartbeat.HeartbeatState;
import dev.heartbeat.HeartbeatStatus;
import dev.heartbeat.Ticker;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * Publishes each beat of the heartbeat to a {@link FleetStore}, in addition to the state
 * file.
 * <p>
 * Writes run on the publisher's own daemon thread, named {@value #THREAD_NAME}, one at a
 * time: a slow or unreachable store never delays a beat. Only the latest beat waits to be
 * written (a newer beat replaces one not written yet, since it says all the older would).
 * A write that fails, or that has not finished within the timeout, is reported to the
 * {@link FleetListener} and logged once at WARN until a write works again (then at INFO),
 * as missed beats are. {@link #depart()} marks this instance {@code STOPPED} in the store
 * when the application stops; {@link #close()} writes the last beat still waiting, for at
 * most the timeout, then stops the thread.
 *
 * @since 0.1.0
 */
public final class FleetPublisher implements HeartbeatListener, AutoCloseable {

	/**
	 * The name of the publisher's thread.
	 */
	public static final String THREAD_NAME = "heartbeat-fleet";

	private static final Log logger = LogFactory.getLog(FleetPublisher.class);

	private final FleetStore store;

	private final FleetIdentity identity;

	private final Duration timeout;

	private final FleetListener listener;

	private final Ticker ticker;

	private final Clock clock;

	private final ReentrantLock lock = new ReentrantLock();

	private final Condition changed = this.lock.newCondition();

	// guarded by lock
	private @Nullable HeartbeatState pending;

	private @Nullable Thread thread;

	private boolean closed;

	private boolean departed;

	private @Nullable HeartbeatState latest;

	private boolean writing;

	private long writeStartedNanos;

	private boolean timeoutReported;

	private long published;

	private long failures;

	private int consecutiveFailures;

	private @Nullable Instant lastPublished;

	private @Nullable String lastFailure;

	private @Nullable Instant failingSince;

	/**
	 * Create a publisher.
	 * @param store where to publish
	 * @param identity this instance
	 * @param timeout the longest a write may take before it counts as failed
	 * @param listener told of failed writes
	 */
	public FleetPublisher(FleetStore store, FleetIdentity identity, Duration timeout, FleetListener listener) {
		this(store, identity, timeout, listener, Ticker.system(), Clock.systemUTC());
	}

	FleetPublisher(FleetStore store, FleetIdentity identity, Duration timeout, FleetListener listener, Ticker ticker,
			Clock clock) {
		if (timeout.isNegative() || timeout.isZero()) {
			throw new IllegalArgumentException("A fleet write timeout must be positive, not " + timeout);
		}
		this.store = store;
		this.identity = identity;
		this.timeout = timeout;
		this.listener = listener;
		this.ticker = ticker;
		this.clock = clock;
	}

	/**
	 * Queue the beat for writing, replacing one still waiting. Never blocks on the store.
	 * @param state the beat that was written to the state file
	 */
	@Override
	public void onBeat(HeartbeatState state) {
		FleetException late;
		this.lock.lock();
		try {
			if (this.closed || this.departed) {
				return;
			}
			this.latest = state;
			queue(state);
			late = lateWrite();
		}
		finally {
			this.lock.unlock();
		}
		if (late != null) {
			failed(late);
		}
	}

	/**
	 * Tell the store that this instance stopped cleanly, before the clients of the store
	 * stop: write the last beat again with status {@code STOPPED}, waiting at most the
	 * timeout, and publish no beat after it (the heartbeat's own {@code STOPPED} beat
	 * comes later, when a store's client, such as Lettuce's, may be stopped already).
	 * Does nothing if no beat was published.
	 */
	public void depart() {
		this.lock.lock();
		try {
			HeartbeatState last = this.latest;
			if (this.closed || this.departed || last == null) {
				this.departed = true;
				return;
			}
			this.departed = true;
			Instant now = this.clock.instant();
			queue(new HeartbeatState(now, last.pid(), last.hostname(), last.metadata(), HeartbeatStatus.STOPPED,
					last.seq(), last.interval(), last.targets(), last.targetReasons(), last.tasks(),
					now.plus(maxAge(last)), last.uncleanRestarts(), null, null));
			awaitIdle();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * Write the beat still waiting, if any, waiting at most the timeout for it and for a
	 * write in progress, then stop the thread. Idempotent; beats that come later are
	 * ignored.
	 */
	@Override
	public void close() {
		Thread stopping;
		this.lock.lock();
		try {
			if (this.closed) {
				return;
			}
			awaitIdle();
			this.closed = true;
			this.pending = null;
			stopping = this.thread;
			this.changed.signalAll();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			this.closed = true;
			stopping = this.thread;
		}
		finally {
			this.lock.unlock();
		}
		if (stopping != null && stopping != Thread.currentThread()) {
			stopping.interrupt();
		}
	}

	/**
	 * Where the publisher stands: its last write, its failures.
	 * @return a snapshot
	 */
	public PublishStatus status() {
		FleetException late;
		PublishStatus status;
		this.lock.lock();
		try {
			late = lateWrite();
			status = new PublishStatus(this.published, this.failures, this.consecutiveFailures, this.lastPublished,
					this.lastFailure, this.failingSince);
		}
		finally {
			this.lock.unlock();
		}
		if (late != null) {
			failed(late);
			return status();
		}
		return status;
	}

	/**
	 * The store beats are published to.
	 * @return the store
	 */
	public FleetStore store() {
		return this.store;
	}

	/**
	 * The instance whose beats are published.
	 * @return its identity
	 */
	public FleetIdentity identity() {
		return this.identity;
	}

	/**
	 * The longest a write may take before it counts as failed.
	 * @return the timeout
	 */
	public Duration timeout() {
		return this.timeout;
	}

	// with the lock held
	private void queue(HeartbeatState state) {
		this.pending = state;
		if (this.thread == null) {
			Thread started = new Thread(this::run, THREAD_NAME);
			started.setDaemon(true);
			started.start();
			this.thread = started;
		}
		this.changed.signalAll();
	}

	// with the lock held: wait at most the timeout for the waiting beat and the write in
	// progress
	private void awaitIdle() throws InterruptedException {
		long deadline = this.ticker.nanoTime() + this.timeout.toNanos();
		while ((this.pending != null || this.writing) && this.thread != null) {
			long remaining = deadline - this.ticker.nanoTime();
			if (remaining <= 0 || !this.changed.await(remaining, TimeUnit.NANOSECONDS)) {
				return;
			}
		}
	}

	// with the lock held: a write still running after the timeout is reported once, when
	// noticed
	private @Nullable FleetException lateWrite() {
		if (this.writing && !this.timeoutReported
				&& this.ticker.nanoTime() - this.writeStartedNanos > this.timeout.toNanos()) {
			this.timeoutReported = true;
			return new FleetException(
					"The write to the fleet store (" + this.store + ") did not finish within " + this.timeout, null);
		}
		return null;
	}

	private void run() {
		while (true) {
			HeartbeatState state;
			this.lock.lock();
			try {
				while (this.pending == null && !this.closed) {
					this.changed.await();
				}
				state = this.pending;
				if (state == null) {
					return;
				}
				this.pending = null;
				this.writing = true;
				this.timeoutReported = false;
				this.writeStartedNanos = this.ticker.nanoTime();
			}
			catch (InterruptedException ex) {
				return;
			}
			finally {
				this.lock.unlock();
			}
			write(state);
		}
	}

	private void write(HeartbeatState state) {
		FleetException failure = null;
		try {
			this.store.publish(this.identity, state, maxAge(state));
		}
		catch (RuntimeException ex) {
			failure = new FleetException(
					"Failed to publish beat " + state.seq() + " to the fleet store (" + this.store + "): " + ex, ex);
		}
		boolean late;
		this.lock.lock();
		try {
			this.writing = false;
			late = this.timeoutReported;
			if (failure == null && !late) {
				succeeded(state);
			}
			this.changed.signalAll();
		}
		finally {
			this.lock.unlock();
		}
		if (failure != null && !late) {
			failed(failure);
		}
	}

	// with the lock held
	private void succeeded(HeartbeatState state) {
		this.published++;
		this.lastPublished = this.clock.instant();
		if (this.consecutiveFailures > 0) {
			logger.info("Heartbeat publishes to the fleet store (" + this.store + ") again");
		}
		else if (logger.isDebugEnabled()) {
			logger.debug("Heartbeat published beat " + state.seq() + " to the fleet store");
		}
		this.consecutiveFailures = 0;
		this.lastFailure = null;
		this.failingSince = null;
	}

	private void failed(FleetException failure) {
		boolean first;
		this.lock.lock();
		try {
			first = this.consecutiveFailures == 0;
			this.failures++;
			this.consecutiveFailures++;
			this.lastFailure = failure.getMessage();
			if (first) {
				this.failingSince = this.clock.instant();
			}
		}
		finally {
			this.lock.unlock();
		}
		if (first) {
			// once per episode, not once per beat: a store that is down stays down for a
			// while
			logger.warn(failure.getMessage() + "; the local heartbeat goes on, and the next beats try again");
		}
		else if (logger.isDebugEnabled()) {
			logger.debug(failure.getMessage());
		}
		try {
			this.listener.onMissedFleetBeat(failure);
		}
		catch (RuntimeException ex) {
			logger.warn("Fleet listener " + this.listener + " threw from onMissedFleetBeat", ex);
		}
	}

	private static Duration maxAge(HeartbeatState state) {
		Instant staleAfter = state.staleAfter();
		if (staleAfter != null) {
			return Duration.between(state.timestamp(), staleAfter);
		}
		Duration interval = state.interval();
		return (interval != null) ? interval.multipliedBy(3) : Duration.ofSeconds(30);
	}

	/**
	 * Where a publisher stands.
	 *
	 * @param published writes that worked
	 * @param failures writes that failed or timed out
	 * @param consecutiveFailures failed writes since the last that worked
	 * @param lastPublished when the last write that worked finished, by this instance's
	 * clock, or {@code null} if none has
	 * @param lastFailure why the last write failed, or {@code null} if it worked
	 * @param failingSince when writes started failing, or {@code null} if the last worked
	 * @since 0.1.0
	 */
	public record PublishStatus(long published, long failures, int consecutiveFailures, @Nullable Instant lastPublished,
			@Nullable String lastFailure, @Nullable Instant failingSince) {

		/**
		 * Whether the last write failed.
		 * @return {@code true} while writes fail
		 */
		public boolean isFailing() {
			return this.consecutiveFailures > 0;
		}

	}

}
