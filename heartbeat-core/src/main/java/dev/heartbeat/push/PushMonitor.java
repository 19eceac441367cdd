package dev.heartbeat.push;

import java.net.URI;
import java.time.Duration;
import java.util.concurrent.locks.ReentrantLock;

import dev.heartbeat.HeartbeatListener;
import dev.heartbeat.HeartbeatState;
import dev.heartbeat.HeartbeatStatus;
import dev.heartbeat.HeartbeatTarget;
import dev.heartbeat.PreviousRun;
import dev.heartbeat.TargetStatus;
import org.jspecify.annotations.Nullable;

/**
 * Tells a push monitor (a dead man's switch such as healthchecks.io) that the application
 * is alive: an HTTP request to its URL on each beat written while the application is
 * {@link HeartbeatStatus#UP up}, or on every n-th of them.
 * <p>
 * With signals on, it follows the healthchecks.io conventions: {@code <url>/start} before
 * the first ping (the first beat that is {@code UP}, which with Spring Boot is the beat
 * written when the application is ready) and {@code <url>/fail} when the heartbeat
 * {@link HeartbeatListener#onEscalated escalates}. A heartbeat that stops (its beat says
 * {@link HeartbeatStatus#STOPPED}) and starts again is pinged as if it started anew: a
 * {@code /start}, then its first {@code UP} beat at once. While the heartbeat is
 * escalated no pings are sent, with or without signals, so that the monitor notices; a
 * ping is sent as soon as the escalation clears. With {@link Builder#failAfterCrash
 * failAfterCrash} on, a start whose {@link PreviousRun previous run} ended without a
 * clean stop sends {@code <url>/fail} with its first beat, so that the monitor records
 * the crash even when the restart came sooner than its grace time.
 * <p>
 * Requests are sent one at a time from the monitor's own daemon thread, named
 * {@value #THREAD_NAME}, with a short timeout, and retried at most once (after an I/O
 * error, a timeout, a 5xx or a 429 answer): a slow or dead monitor never delays a beat.
 * Requests wait in a small queue that drops its oldest ping when full, so that a dead
 * monitor holds no more than a few requests in memory. Failures are logged once at WARN
 * until a request works again, never thrown. Only {@link #close()} stops the thread: an
 * interrupt from elsewhere or an unexpected error is logged and the pushes go on (a
 * thread that died all the same is replaced by the next push).
 * <p>
 * Its callbacks may come from any thread and never block: under one lock, which also
 * guards the queue, they decide which requests the beat calls for and queue them.
 * <pre class="code">
 * try (PushMonitor push = PushMonitor.builder(URI.create("https://hc-ping.com/" + uuid)).signals(true).build();
 *         Heartbeat heartbeat = Heartbeat.builder().listener(push).build()) {
 *     heartbeat.start();
 *     // work while the heartbeat beats
 * }
 * </pre>
 *
 * @since 0.1.0
 */
public final class PushMonitor implements HeartbeatListener, AutoCloseable {

	/**
	 * The name of the monitor's thread.
	 */
	public static final String THREAD_NAME = "heartbeat-push";

	/**
	 * The timeout used when none is given, for connecting and again for the answer.
	 */
	public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);

	/**
	 * The most requests waiting to be sent; beyond it, the oldest ping is dropped.
	 */
	public static final int QUEUE_CAPACITY = 8;

	private final URI url;

	private final int every;

	private final boolean signals;

	private final Duration timeout;

	private final PushMethod method;

	private final boolean includeState;

	private final boolean failAfterCrash;

	// guards the decisions below and the queue: one lock per callback
	private final ReentrantLock lock = new ReentrantLock();

	private final PushQueue queue;

	// guarded by lock
	private boolean escalated;

	private boolean started;

	// the escalated target, until a beat that shows it dead carries /fail
	private @Nullable String failPending;

	// a previous run that crashed, until the first beat carries /fail
	private boolean crashPending;

	private long upBeats;

	private @Nullable HeartbeatState lastState;

	private PushMonitor(Builder builder) {
		this.url = builder.url;
		this.every = builder.every;
		this.signals = builder.signals;
		this.timeout = builder.timeout;
		this.method = builder.method;
		this.includeState = builder.includeState;
		this.failAfterCrash = builder.failAfterCrash;
		PushRequests requests = new PushRequests(builder.url, builder.timeout, builder.method, builder.includeState);
		this.queue = new PushQueue(this.lock, new PushSender(requests, builder.timeout), requests.target());
	}

	/**
	 * Start building a monitor that pings the given URL.
	 * @param url the URL to ping, {@code http} or {@code https}, such as
	 * {@code https://hc-ping.com/<uuid>}
	 * @return a new builder
	 * @throws IllegalArgumentException if the URL is not an absolute {@code http} or
	 * {@code https} URL with a host
	 */
	public static Builder builder(URI url) {
		return new Builder(url);
	}

	/**
	 * Queue a ping if the beat is {@code UP}, the heartbeat is not escalated and the beat
	 * is due (preceded by {@code /start} the first time, with signals on). Never blocks.
	 * @param state the beat that was written
	 */
	@Override
	public void onBeat(HeartbeatState state) {
		this.lock.lock();
		try {
			this.lastState = state;
			if (this.crashPending) {
				this.crashPending = false;
				this.queue.add(new Push(Push.Signal.FAIL, state));
			}
			if (this.failPending != null) {
				this.failPending = null;
				this.queue.add(new Push(Push.Signal.FAIL, state));
			}
			if (state.status() == HeartbeatStatus.STOPPED) {
				// the run ended: one that starts again begins as the first did
				this.started = false;
				this.upBeats = 0;
			}
			if (state.status() != HeartbeatStatus.UP || this.escalated) {
				return;
			}
			if (this.signals && !this.started) {
				this.started = true;
				this.queue.add(new Push(Push.Signal.START, state));
			}
			if (this.upBeats++ % this.every == 0) {
				this.queue.add(new Push(Push.Signal.PING, state));
			}
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * Stop pinging while escalated and, with signals on, queue {@code /fail} once per
	 * escalation, with the last beat if it shows the target dead, or else with the next
	 * beat.
	 * @param targetName the name of the target that escalated
	 * @param target the target
	 */
	@Override
	public void onEscalated(String targetName, HeartbeatTarget target) {
		this.lock.lock();
		try {
			if (this.escalated) {
				return;
			}
			this.escalated = true;
			if (!this.signals) {
				return;
			}
			HeartbeatState last = this.lastState;
			if (last != null && last.targets().get(targetName) == TargetStatus.DEAD) {
				this.queue.add(new Push(Push.Signal.FAIL, last));
			}
			else {
				// the check that escalated may answer before the beat that shows the
				// target dead is written
				this.failPending = targetName;
			}
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * With {@link Builder#failAfterCrash failAfterCrash} on, queue {@code /fail} with the
	 * next beat if the previous run ended without a clean stop.
	 * @param previousRun how the previous run ended
	 */
	@Override
	public void onPreviousRun(PreviousRun previousRun) {
		if (!this.failAfterCrash || previousRun.clean()) {
			return;
		}
		this.lock.lock();
		try {
			this.crashPending = true;
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * Ping again at once, if the last beat is {@code UP}, and resume pinging.
	 */
	@Override
	public void onEscalationCleared() {
		this.lock.lock();
		try {
			if (!this.escalated) {
				return;
			}
			this.escalated = false;
			HeartbeatState last = this.lastState;
			if (this.failPending != null && last != null) {
				// cleared before a beat showed it: the monitor still hears of the
				// failure, once
				this.queue.add(new Push(Push.Signal.FAIL, last));
			}
			this.failPending = null;
			if (last != null && last.status() == HeartbeatStatus.UP) {
				// the monitor was told (or left to notice) that we failed: tell it at
				// once that we are back
				this.queue.add(new Push(Push.Signal.PING, last));
				this.upBeats = 1;
			}
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * Stop the monitor's thread and drop the requests not sent yet. A request in flight
	 * is abandoned. Idempotent; beats that come later are ignored.
	 */
	@Override
	public void close() {
		this.queue.close();
	}

	/**
	 * The URL pinged on each due beat.
	 * @return the URL
	 */
	public URI url() {
		return this.url;
	}

	/**
	 * How many {@code UP} beats make one ping.
	 * @return 1 for a ping on every beat
	 */
	public int every() {
		return this.every;
	}

	/**
	 * Whether {@code /start} and {@code /fail} are sent.
	 * @return {@code true} if signals are on
	 */
	public boolean signals() {
		return this.signals;
	}

	/**
	 * The timeout for connecting, and again for the answer, of each request.
	 * @return the timeout
	 */
	public Duration timeout() {
		return this.timeout;
	}

	/**
	 * The HTTP method of each request.
	 * @return the method
	 */
	public PushMethod method() {
		return this.method;
	}

	/**
	 * Whether {@code POST} requests carry the beat's state as JSON.
	 * @return {@code true} if the state is sent
	 */
	public boolean includeState() {
		return this.includeState;
	}

	/**
	 * Whether a start after an unclean ending sends {@code /fail}.
	 * @return {@code true} if it does
	 */
	public boolean failAfterCrash() {
		return this.failAfterCrash;
	}

	/**
	 * How many requests were dropped because the queue was full.
	 * @return the number of dropped requests
	 */
	public long dropped() {
		return this.queue.dropped();
	}

	int pending() {
		return this.queue.pending();
	}

	/**
	 * Builds a {@link PushMonitor}.
	 *
	 * @since 0.1.0
	 */
	public static final class Builder {

		private final URI url;

		private int every = 1;

		private boolean signals;

		private Duration timeout = DEFAULT_TIMEOUT;

		private PushMethod method = PushMethod.GET;

		private boolean includeState;

		private boolean failAfterCrash;

		private Builder(URI url) {
			String scheme = url.getScheme();
			if (scheme == null || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))
					|| url.getHost() == null) {
				throw new IllegalArgumentException(
						"A push URL must be an absolute http or https URL with a host, not '" + url + "'");
			}
			this.url = url;
		}

		/**
		 * Ping on every n-th {@code UP} beat only, starting with the first.
		 * @param every how many beats make one ping, 1 by default
		 * @return this builder
		 * @throws IllegalArgumentException if {@code every} is less than 1
		 */
		public Builder every(int every) {
			if (every < 1) {
				throw new IllegalArgumentException("A push monitor pings every 1 or more beats, not " + every);
			}
			this.every = every;
			return this;
		}

		/**
		 * Whether to send {@code <url>/start} before the first ping and
		 * {@code <url>/fail} on escalation, as healthchecks.io expects.
		 * @param signals {@code true} to send them, {@code false} by default
		 * @return this builder
		 */
		public Builder signals(boolean signals) {
			this.signals = signals;
			return this;
		}

		/**
		 * The timeout for connecting, and again for the answer, of each request.
		 * @param timeout the timeout, {@link #DEFAULT_TIMEOUT} by default
		 * @return this builder
		 * @throws IllegalArgumentException if the timeout is not positive
		 */
		public Builder timeout(Duration timeout) {
			if (timeout.isNegative() || timeout.isZero()) {
				throw new IllegalArgumentException("A push timeout must be positive, not " + timeout);
			}
			this.timeout = timeout;
			return this;
		}

		/**
		 * The HTTP method of each request.
		 * @param method the method, {@link PushMethod#GET} by default
		 * @return this builder
		 */
		public Builder method(PushMethod method) {
			this.method = method;
			return this;
		}

		/**
		 * Whether {@code POST} requests carry the state of the beat (for {@code /fail},
		 * of the last beat) as their JSON body, as written to the state file.
		 * @param includeState {@code true} to send it, {@code false} by default
		 * @return this builder
		 */
		public Builder includeState(boolean includeState) {
			this.includeState = includeState;
			return this;
		}

		/**
		 * Whether to send {@code <url>/fail} with the first beat of a start whose
		 * previous run ended without a clean stop (see
		 * {@link dev.heartbeat.HeartbeatListener#onPreviousRun}), whether signals are on
		 * or not. Off by default: the monitor then reports the crash as down and, a
		 * moment later, the new run as up, two alerts for a process already back; on, a
		 * crash never goes unrecorded when the restart comes within the monitor's grace.
		 * @param failAfterCrash {@code true} to send it
		 * @return this builder
		 */
		public Builder failAfterCrash(boolean failAfterCrash) {
			this.failAfterCrash = failAfterCrash;
			return this;
		}

		/**
		 * Build the monitor. Its thread starts with the first request.
		 * @return the monitor
		 * @throws IllegalArgumentException if the state is to be included in {@code GET}
		 * requests
		 */
		public PushMonitor build() {
			if (this.includeState && this.method == PushMethod.GET) {
				throw new IllegalArgumentException("A GET request carries no body: include the state with POST");
			}
			return new PushMonitor(this);
		}

	}

}
