package dev.heartbeat.push;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.Locale;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

import dev.heartbeat.HeartbeatListener;
import dev.heartbeat.HeartbeatState;
import dev.heartbeat.HeartbeatStatus;
import dev.heartbeat.HeartbeatTarget;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * Tells a push monitor (a dead man's switch such as healthchecks.io) that the application is
 * alive: an HTTP request to its URL on each beat written while the application is
 * {@link HeartbeatStatus#UP up}, or on every n-th of them.
 * <p>
 * With signals on, it follows the healthchecks.io conventions: {@code <url>/start} before the
 * first ping (the first beat that is {@code UP}, which with Spring Boot is the beat written when
 * the application is ready) and {@code <url>/fail} when the heartbeat
 * {@link HeartbeatListener#onEscalated escalates}. While the heartbeat is escalated no pings are
 * sent, with or without signals, so that the monitor notices; a ping is sent as soon as the
 * escalation clears.
 * <p>
 * Requests are sent one at a time from the monitor's own daemon thread, named
 * {@value #THREAD_NAME}, with a short timeout, and retried at most once (after an I/O error, a
 * timeout, a 5xx or a 429 answer): a slow or dead monitor never delays a beat. Requests wait in a
 * small queue that drops its oldest ping when full, so that a dead monitor holds no more than a
 * few requests in memory. Failures are logged once at WARN until a request works again, never
 * thrown. {@link #close()} stops the thread.
 * <pre class="code">
 * try (PushMonitor push = PushMonitor.builder(URI.create("https://hc-ping.com/" + uuid)).signals(true).build();
 *         Heartbeat heartbeat = Heartbeat.builder().listener(push).build()) {
 *     heartbeat.start();
 *     // work while the heartbeat beats
 * }
 * </pre>
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

	private static final Log logger = LogFactory.getLog(PushMonitor.class);

	private static final String USER_AGENT = "heartbeat-spring-boot";

	// a request stuck past its timeout is the HTTP client's problem, not a reason to hang a close
	private static final Duration JOIN_TIMEOUT = Duration.ofSeconds(2);

	private final URI pingUrl;

	private final URI startUrl;

	private final URI failUrl;

	private final String target;

	private final int every;

	private final boolean signals;

	private final Duration timeout;

	private final PushMethod method;

	private final boolean includeState;

	private final HttpClient client;

	private final ReentrantLock lock = new ReentrantLock();

	private final Condition queued = this.lock.newCondition();

	private final Deque<Push> queue = new ArrayDeque<>(QUEUE_CAPACITY);

	// guarded by lock
	private @Nullable Thread thread;

	private boolean closed;

	private boolean escalated;

	private boolean started;

	private long upBeats;

	private long dropped;

	private @Nullable HeartbeatState lastState;

	// only the push thread reads and writes it
	private boolean failing;

	private PushMonitor(Builder builder) {
		this.pingUrl = builder.url;
		this.startUrl = withPathSuffix(builder.url, "/start");
		this.failUrl = withPathSuffix(builder.url, "/fail");
		this.target = describe(builder.url);
		this.every = builder.every;
		this.signals = builder.signals;
		this.timeout = builder.timeout;
		this.method = builder.method;
		this.includeState = builder.includeState;
		this.client = HttpClient.newBuilder()
			.connectTimeout(builder.timeout)
			.followRedirects(HttpClient.Redirect.NORMAL)
			// one small request now and then: no h2c upgrade for plain-http monitors to trip over
			.version(HttpClient.Version.HTTP_1_1)
			.build();
	}

	/**
	 * Start building a monitor that pings the given URL.
	 * @param url the URL to ping, {@code http} or {@code https}, such as
	 * {@code https://hc-ping.com/<uuid>}
	 * @return a new builder
	 * @throws IllegalArgumentException if the URL is not an absolute {@code http} or {@code https}
	 * URL with a host
	 */
	public static Builder builder(URI url) {
		return new Builder(url);
	}

	/**
	 * Queue a ping if the beat is {@code UP}, the heartbeat is not escalated and the beat is due
	 * (preceded by {@code /start} the first time, with signals on). Never blocks.
	 * @param state the beat that was written
	 */
	@Override
	public void onBeat(HeartbeatState state) {
		this.lock.lock();
		try {
			this.lastState = state;
			if (state.status() != HeartbeatStatus.UP || this.escalated) {
				return;
			}
			if (this.signals && !this.started) {
				this.started = true;
				enqueue(new Push(Signal.START, state));
			}
			if (this.upBeats++ % this.every == 0) {
				enqueue(new Push(Signal.PING, state));
			}
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * Stop pinging while escalated and, with signals on, queue {@code /fail} once per escalation.
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
			if (this.signals) {
				enqueue(new Push(Signal.FAIL, this.lastState));
			}
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
			if (last != null && last.status() == HeartbeatStatus.UP) {
				// the monitor was told (or left to notice) that we failed: tell it at once that we are back
				enqueue(new Push(Signal.PING, last));
				this.upBeats = 1;
			}
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * Stop the monitor's thread and drop the requests not sent yet. A request in flight is
	 * abandoned. Idempotent; beats that come later are ignored.
	 */
	@Override
	public void close() {
		Thread stopping;
		int abandoned;
		this.lock.lock();
		try {
			if (this.closed) {
				return;
			}
			this.closed = true;
			abandoned = this.queue.size();
			this.queue.clear();
			stopping = this.thread;
			this.queued.signalAll();
		}
		finally {
			this.lock.unlock();
		}
		if (abandoned > 0 && logger.isDebugEnabled()) {
			logger.debug("Heartbeat push to " + this.target + " closed with " + abandoned + " request(s) not sent");
		}
		if (stopping != null && stopping != Thread.currentThread()) {
			stopping.interrupt();
			try {
				stopping.join(JOIN_TIMEOUT.toMillis());
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
	}

	/**
	 * The URL pinged on each due beat.
	 * @return the URL
	 */
	public URI url() {
		return this.pingUrl;
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
	 * How many requests were dropped because the queue was full.
	 * @return the number of dropped requests
	 */
	public long dropped() {
		this.lock.lock();
		try {
			return this.dropped;
		}
		finally {
			this.lock.unlock();
		}
	}

	int pending() {
		this.lock.lock();
		try {
			return this.queue.size();
		}
		finally {
			this.lock.unlock();
		}
	}

	private void enqueue(Push push) {
		if (this.closed) {
			return;
		}
		if (this.queue.size() >= QUEUE_CAPACITY) {
			dropOldest();
		}
		this.queue.addLast(push);
		if (this.thread == null) {
			// started on the first request, so that a monitor that is never used holds no thread
			Thread started = new Thread(this::run, THREAD_NAME);
			started.setDaemon(true);
			started.start();
			this.thread = started;
		}
		this.queued.signal();
	}

	private void dropOldest() {
		this.dropped++;
		// a newer ping says all an older one would; signals are rare and kept while pings remain
		for (Iterator<Push> pushes = this.queue.iterator(); pushes.hasNext();) {
			if (pushes.next().signal() == Signal.PING) {
				pushes.remove();
				return;
			}
		}
		this.queue.removeFirst();
	}

	private void run() {
		while (true) {
			Push push;
			this.lock.lock();
			try {
				while (this.queue.isEmpty() && !this.closed) {
					this.queued.await();
				}
				if (this.closed) {
					return;
				}
				push = this.queue.removeFirst();
			}
			catch (InterruptedException ex) {
				return;
			}
			finally {
				this.lock.unlock();
			}
			if (!send(push)) {
				return;
			}
		}
	}

	/**
	 * Send one request, retrying it once if that may help.
	 * @return {@code false} if the thread was interrupted (closed)
	 */
	private boolean send(Push push) {
		String problem = null;
		for (int attempt = 1; attempt <= 2; attempt++) {
			Attempt outcome;
			try {
				outcome = attempt(push);
			}
			catch (InterruptedException ex) {
				return false;
			}
			if (outcome.problem() == null) {
				succeeded(push);
				return true;
			}
			problem = outcome.problem() + ((attempt > 1) ? " (retried once)" : "");
			if (!outcome.retryable() || isClosed()) {
				break;
			}
		}
		failed(push, problem);
		return true;
	}

	private Attempt attempt(Push push) throws InterruptedException {
		try {
			HttpResponse<Void> response = this.client.send(request(push), HttpResponse.BodyHandlers.discarding());
			int status = response.statusCode();
			if (status >= 200 && status < 300) {
				return new Attempt(null, false);
			}
			return new Attempt("HTTP " + status, status >= 500 || status == 429);
		}
		catch (HttpTimeoutException ex) {
			return new Attempt("no answer within " + this.timeout, true);
		}
		catch (IOException ex) {
			return new Attempt(ex.toString(), true);
		}
		catch (RuntimeException ex) {
			// never let a surprise end the thread: the next ping tries again
			return new Attempt(ex.toString(), false);
		}
	}

	private HttpRequest request(Push push) {
		URI url = switch (push.signal()) {
			case PING -> this.pingUrl;
			case START -> this.startUrl;
			case FAIL -> this.failUrl;
		};
		HttpRequest.Builder request = HttpRequest.newBuilder(url)
			.timeout(this.timeout)
			.header("User-Agent", USER_AGENT);
		if (this.method == PushMethod.GET) {
			return request.GET().build();
		}
		HeartbeatState state = push.state();
		if (this.includeState && state != null) {
			return request.header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers.ofString(state.toJson(), StandardCharsets.US_ASCII))
				.build();
		}
		return request.POST(HttpRequest.BodyPublishers.noBody()).build();
	}

	private void succeeded(Push push) {
		if (this.failing) {
			this.failing = false;
			logger.info("Heartbeat push to " + this.target + " works again");
		}
		else if (logger.isDebugEnabled()) {
			logger.debug("Heartbeat pushed " + push.signal().describe() + " to " + this.target);
		}
	}

	private void failed(Push push, @Nullable String problem) {
		if (!this.failing) {
			// once per episode, not once per ping: a dead monitor stays dead for a while
			this.failing = true;
			logger.warn("Heartbeat push of " + push.signal().describe() + " to " + this.target + " failed: " + problem
					+ "; beats go on, and the next pings try again");
		}
		else if (logger.isDebugEnabled()) {
			logger.debug("Heartbeat push of " + push.signal().describe() + " to " + this.target + " failed: " + problem);
		}
	}

	private boolean isClosed() {
		this.lock.lock();
		try {
			return this.closed;
		}
		finally {
			this.lock.unlock();
		}
	}

	static URI withPathSuffix(URI url, String suffix) {
		String path = (url.getRawPath() != null) ? url.getRawPath() : "";
		String base = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
		String query = (url.getRawQuery() != null) ? "?" + url.getRawQuery() : "";
		return URI.create(url.getScheme() + "://" + url.getRawAuthority() + base + suffix + query);
	}

	// the path of a push URL is usually its secret (a healthchecks.io UUID): logs show only the host
	private static String describe(URI url) {
		return url.getScheme() + "://" + url.getHost() + ((url.getPort() != -1) ? ":" + url.getPort() : "");
	}

	private enum Signal {

		PING, START, FAIL;

		String describe() {
			return (this == PING) ? "a ping" : "/" + name().toLowerCase(Locale.ROOT);
		}

	}

	private record Push(Signal signal, @Nullable HeartbeatState state) {
	}

	private record Attempt(@Nullable String problem, boolean retryable) {
	}

	/**
	 * Builds a {@link PushMonitor}.
	 */
	public static final class Builder {

		private final URI url;

		private int every = 1;

		private boolean signals;

		private Duration timeout = DEFAULT_TIMEOUT;

		private PushMethod method = PushMethod.GET;

		private boolean includeState;

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
		 * Whether to send {@code <url>/start} before the first ping and {@code <url>/fail} on
		 * escalation, as healthchecks.io expects.
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
		 * Whether {@code POST} requests carry the state of the beat (for {@code /fail}, of the last
		 * beat) as their JSON body, as written to the state file.
		 * @param includeState {@code true} to send it, {@code false} by default
		 * @return this builder
		 */
		public Builder includeState(boolean includeState) {
			this.includeState = includeState;
			return this;
		}

		/**
		 * Build the monitor. Its thread starts with the first request.
		 * @return the monitor
		 * @throws IllegalArgumentException if the state is to be included in {@code GET} requests
		 */
		public PushMonitor build() {
			if (this.includeState && this.method == PushMethod.GET) {
				throw new IllegalArgumentException("A GET request carries no body: include the state with POST");
			}
			return new PushMonitor(this);
		}

	}

}
