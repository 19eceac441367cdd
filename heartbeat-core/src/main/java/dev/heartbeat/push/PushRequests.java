package dev.heartbeat.push;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import dev.heartbeat.HeartbeatState;

/**
 * Builds the HTTP request of each {@link Push}: its URL ({@code <url>},
 * {@code <url>/start} or {@code <url>/fail}), method, timeout and, if asked, the beat's
 * state as a JSON body. Immutable; the push thread uses it.
 */
final class PushRequests {

	private static final String USER_AGENT = "heartbeat-spring-boot";

	private final URI pingUrl;

	private final URI startUrl;

	private final URI failUrl;

	private final String target;

	private final Duration timeout;

	private final PushMethod method;

	private final boolean includeState;

	/**
	 * Create the requests of one monitor.
	 * @param url the URL to ping
	 * @param timeout how long to wait for an answer
	 * @param method the method of each request
	 * @param includeState whether {@code POST} requests carry the beat's state
	 */
	PushRequests(URI url, Duration timeout, PushMethod method, boolean includeState) {
		this.pingUrl = url;
		this.startUrl = withPathSuffix(url, "/start");
		this.failUrl = withPathSuffix(url, "/fail");
		this.target = describe(url);
		this.timeout = timeout;
		this.method = method;
		this.includeState = includeState;
	}

	/**
	 * Where requests go, as logs may show it: the scheme, host and port, never the path.
	 * @return the monitor's origin
	 */
	String target() {
		return this.target;
	}

	/**
	 * The request that sends the given push.
	 * @param push the push
	 * @return its request
	 */
	HttpRequest request(Push push) {
		URI url = switch (push.signal()) {
			case PING -> this.pingUrl;
			case START -> this.startUrl;
			case FAIL -> this.failUrl;
		};
		String runId = push.runId();
		if (runId != null) {
			url = withQueryParameter(url, "rid", runId);
		}
		HttpRequest.Builder request = HttpRequest.newBuilder(url)
			.timeout(this.timeout)
			.header("User-Agent", USER_AGENT);
		String body = push.body();
		if (body != null) {
			// a short text the monitor keeps with the failure, whatever the method of
			// pings
			return request.header("Content-Type", "text/plain; charset=utf-8")
				.POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
				.build();
		}
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

	static URI withPathSuffix(URI url, String suffix) {
		String path = (url.getRawPath() != null) ? url.getRawPath() : "";
		String base = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
		String query = (url.getRawQuery() != null) ? "?" + url.getRawQuery() : "";
		return URI.create(url.getScheme() + "://" + url.getRawAuthority() + base + suffix + query);
	}

	static URI withQueryParameter(URI url, String name, String value) {
		String query = url.getRawQuery();
		String parameter = name + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8);
		String base = url.toString();
		int hash = base.indexOf('#');
		if (hash >= 0) {
			base = base.substring(0, hash);
		}
		return URI
			.create(base + ((query != null && !query.isEmpty()) ? "&" : (base.endsWith("?") ? "" : "?")) + parameter);
	}

	// the path of a push URL is usually its secret (a healthchecks.io UUID): logs show
	// only the host
	private static String describe(URI url) {
		return url.getScheme() + "://" + url.getHost() + ((url.getPort() != -1) ? ":" + url.getPort() : "");
	}

}
