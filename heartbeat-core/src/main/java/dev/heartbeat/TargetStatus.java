package dev.heartbeat;

/**
 * What the last check of a {@link HeartbeatTarget} found, written under {@code targets}
 * in the state file.
 *
 * @since 0.1.0
 */
public enum TargetStatus {

	/**
	 * The target answered {@code isDead() == false}.
	 */
	ALIVE,

	/**
	 * The target answered {@code isDead() == true}, or its check threw.
	 */
	DEAD

}
