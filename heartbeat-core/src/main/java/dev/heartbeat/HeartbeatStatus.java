package dev.heartbeat;

/**
 * The status a beat reports for its process, written as {@code status} in the state file.
 *
 * @since 0.1.0
 */
public enum HeartbeatStatus {

	/**
	 * The process is alive but not yet ready (a Spring application before it is ready).
	 */
	STARTING,

	/**
	 * The process is alive and ready.
	 */
	UP,

	/**
	 * The process is shutting down but still beats (a web server draining its requests).
	 */
	STOPPING,

	/**
	 * The process stopped cleanly: written by the last beat, so that a clean stop is
	 * never mistaken for a crash.
	 */
	STOPPED

}
