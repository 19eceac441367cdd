package dev.heartbeat.fleet;

/**
 * What the store says of a member of a fleet, judged by the store's clock.
 *
 * @since 0.1.0
 */
public enum MemberState {

	/**
	 * The member's last beat is younger than its maximum age, and it has not stopped.
	 */
	ALIVE,

	/**
	 * The member's last beat is older than its maximum age: it crashed, hangs or cannot
	 * reach the store.
	 */
	STALE,

	/**
	 * The member stopped cleanly: its last beat said {@code STOPPED}.
	 */
	STOPPED

}
