package dev.heartbeat.push;

/**
 * The HTTP method of the requests a {@link PushMonitor} sends.
 *
 * @since 0.1.0
 */
public enum PushMethod {

	/**
	 * A {@code GET} without a body, what healthchecks.io, Cronitor and Uptime Kuma
	 * document.
	 */
	GET,

	/**
	 * A {@code POST}, with the beat's state as a JSON body if the monitor includes it.
	 */
	POST

}
