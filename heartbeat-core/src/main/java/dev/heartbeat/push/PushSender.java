package dev.heartbeat.push;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * Sends each {@link Push}: one request with the monitor's HTTP client, retried at most
 * once (after an I/O error, a timeout, a 5xx or a 429 answer), and a failure episode
 * logged once at WARN until a request works again. Only the push thread uses it: its
 * failure episode needs no lock.
 */
final class PushSender {

	private static final Log logger = LogFactory.getLog(PushMonitor.class);

	private final PushRequests requests;

	private final Duration timeout;

	private final HttpClient client;

	// only the push thread reads and writes it
	private boolean failing;

	/**
	 * Create a sender.
	 * @param requests what each push sends
	 * @param timeout the timeout for connecting, and again for the answer
	 */
	PushSender(PushRequests requests, Duration timeout) {
		this.requests = requests;
		this.timeout = timeout;
		this.client = HttpClient.newBuilder()
			.connectTimeout(timeout)
			.followRedirects(HttpClient.Redirect.NORMAL)
			// one small request now and then: no h2c upgrade for plain-http monitors to
			// trip over
			.version(HttpClient.Version.HTTP_1_1)
			.build();
	}

	/**
	 * Send one request, retrying it once if that may help and the queue is still open.
	 * @param push what to send
	 * @param queue the queue it came from, asked before a retry whether it closed
	 * @return {@code false} if the thread was interrupted (closed)
	 */
	boolean send(Push push, PushQueue queue) {
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
			if (!outcome.retryable() || queue.isClosed()) {
				break;
			}
		}
		failed(push, problem);
		return true;
	}

	private Attempt attempt(Push push) throws InterruptedException {
		try {
			HttpResponse<Void> response = this.client.send(this.requests.request(push),
					HttpResponse.BodyHandlers.discarding());
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

	private void succeeded(Push push) {
		if (this.failing) {
			this.failing = false;
			logger.info("Heartbeat push to " + this.requests.target() + " works again");
		}
		else if (logger.isDebugEnabled()) {
			logger.debug("Heartbeat pushed " + push.signal().describe() + " to " + this.requests.target());
		}
	}

	private void failed(Push push, @Nullable String problem) {
		String target = this.requests.target();
		if (!this.failing) {
			// once per episode, not once per ping: a dead monitor stays dead for a while
			this.failing = true;
			logger.warn("Heartbeat push of " + push.signal().describe() + " to " + target + " failed: " + problem
					+ "; beats go on, and the next pings try again");
		}
		else if (logger.isDebugEnabled()) {
			logger.debug("Heartbeat push of " + push.signal().describe() + " to " + target + " failed: " + problem);
		}
	}

	private record Attempt(@Nullable String problem, boolean retryable) {
	}

}
