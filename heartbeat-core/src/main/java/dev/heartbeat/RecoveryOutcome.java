package dev.heartbeat;

/**
 * What came of one {@link HeartbeatTarget#recover()} attempt.
 *
 * @since 0.1.0
 */
public enum RecoveryOutcome {

	/**
	 * The next check found the target alive.
	 */
	RECOVERED,

	/**
	 * {@code recover()} threw, or the next check found the target still dead.
	 */
	FAILED,

	/**
	 * {@code recover()} did not return in time and was abandoned.
	 */
	TIMEOUT

}
