package dev.heartbeat;

/**
 * What the heartbeat does to its state file when it stops.
 *
 * @since 0.1.0
 */
public enum StopAction {

	/**
	 * Write a last beat with status {@link HeartbeatStatus#STOPPED}, so that readers can
	 * tell a clean stop from a crash.
	 */
	MARK,

	/**
	 * Delete the state file.
	 */
	DELETE,

	/**
	 * Leave the state file as it is: it goes stale, as the Python heartbeat's does.
	 */
	KEEP

}
