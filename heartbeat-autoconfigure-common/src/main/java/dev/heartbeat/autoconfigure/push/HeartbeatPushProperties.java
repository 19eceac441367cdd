package dev.heartbeat.autoconfigure.push;

import java.net.URI;
import java.time.Duration;
import java.time.temporal.ChronoUnit;

import dev.heartbeat.push.PushMethod;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.convert.DurationUnit;
import org.springframework.validation.Errors;
import org.springframework.validation.Validator;

/**
 * Configuration properties of the heartbeat's push monitor, which validate themselves.
 *
 * @since 0.1.0
 */
@ConfigurationProperties("heartbeat.push")
public class HeartbeatPushProperties implements Validator {

	/**
	 * URL of the push monitor to ping on each beat, such as
	 * https://hc-ping.com/your-check-uuid. Push is off while it is unset or empty.
	 */
	private @Nullable URI url;

	/**
	 * Number of beats per ping, counting the beats while the application is up: 1 pings
	 * on every beat.
	 */
	private int every = 1;

	/**
	 * Whether to send the URL followed by /start when the application is ready, and by
	 * /fail when the heartbeat escalates, as healthchecks.io expects.
	 */
	private boolean signals;

	/**
	 * Timeout for connecting to the monitor, and again for its answer. If a duration
	 * suffix is not specified, seconds will be used.
	 */
	@DurationUnit(ChronoUnit.SECONDS)
	private Duration timeout = Duration.ofSeconds(5);

	/**
	 * HTTP method of the requests.
	 */
	private PushMethod method = PushMethod.GET;

	/**
	 * Whether POST requests carry the beat's state as their JSON body. Requires method
	 * POST.
	 */
	private boolean includeState;

	/**
	 * Whether to send the URL followed by /fail with the first beat after a start whose
	 * previous run ended without a clean stop (crashed or killed), so that the monitor
	 * records the crash even when the restart came within its grace time.
	 */
	private boolean failAfterCrash;

	public @Nullable URI getUrl() {
		return this.url;
	}

	public void setUrl(@Nullable URI url) {
		this.url = url;
	}

	public int getEvery() {
		return this.every;
	}

	public void setEvery(int every) {
		this.every = every;
	}

	public boolean isSignals() {
		return this.signals;
	}

	public void setSignals(boolean signals) {
		this.signals = signals;
	}

	public Duration getTimeout() {
		return this.timeout;
	}

	public void setTimeout(Duration timeout) {
		this.timeout = timeout;
	}

	public PushMethod getMethod() {
		return this.method;
	}

	public void setMethod(PushMethod method) {
		this.method = method;
	}

	public boolean isIncludeState() {
		return this.includeState;
	}

	public void setIncludeState(boolean includeState) {
		this.includeState = includeState;
	}

	public boolean isFailAfterCrash() {
		return this.failAfterCrash;
	}

	public void setFailAfterCrash(boolean failAfterCrash) {
		this.failAfterCrash = failAfterCrash;
	}

	@Override
	public boolean supports(Class<?> type) {
		return HeartbeatPushProperties.class.isAssignableFrom(type);
	}

	@Override
	public void validate(Object target, Errors errors) {
		HeartbeatPushProperties properties = (HeartbeatPushProperties) target;
		if (properties.url != null && !isHttpUrl(properties.url)) {
			errors.rejectValue("url", "httpUrl", "It must be an absolute http or https URL with a host, such as"
					+ " https://hc-ping.com/your-check-uuid.");
		}
		if (properties.every < 1) {
			errors.rejectValue("every", "atLeastOne", "It must be at least 1 (1 pings on every beat).");
		}
		if (properties.timeout.isNegative() || properties.timeout.isZero()) {
			errors.rejectValue("timeout", "positive", "It must be positive, such as 5s.");
		}
		if (properties.includeState && properties.method == PushMethod.GET) {
			errors.rejectValue("includeState", "needsPost",
					"A GET request carries no body. Set heartbeat.push.method=post to send the state.");
		}
	}

	private static boolean isHttpUrl(URI url) {
		String scheme = url.getScheme();
		return scheme != null && (scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))
				&& url.getHost() != null;
	}

}
