package dev.heartbeat;

import org.jspecify.annotations.Nullable;

/**
 * Something the heartbeat watches and recovers when it dies, such as a websocket client
 * or a connection to an upstream service.
 * <p>
 * Each beat asks {@link #isDead()}; while the answer is {@code true} (or the check throws
 * or hangs), the target is reported {@link TargetStatus#DEAD} and {@link #recover()} is
 * called under its {@link RecoveryPolicy}: with backoff, until it is alive again or its
 * attempts run out.
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface HeartbeatTarget {

	/**
	 * Whether this target is dead. Called on a worker thread of the heartbeat once per
	 * beat; one that does not answer within the target timeout counts as dead
	 * ("unresponsive"), so it should answer quickly.
	 * @return {@code true} if the target is dead and needs recovery
	 */
	boolean isDead();

	/**
	 * Why this target is dead, asked on the same thread right after {@link #isDead()}
	 * answered {@code true}: shown as the {@link TargetReport#reason() reason} of its
	 * report (on the endpoint and in the health details), in the log entry of its death
	 * and, while the target counts as dead, in the state file's {@code targetReasons}
	 * (cut to 1,000 characters).
	 * @return a one-line reason, or {@code null} (the default) if being dead says it all
	 */
	default @Nullable String reason() {
		return null;
	}

	/**
	 * Try to bring this target back to life. Called on a worker thread when the target is
	 * dead and an attempt is due under its policy; never twice at once, and abandoned
	 * (reported as a timeout) if it does not return within the target timeout. Does
	 * nothing by default, for targets that recover by themselves.
	 */
	default void recover() {
	}

	/**
	 * The name this target is reported under. A target found in a Spring context is
	 * reported under its bean name instead.
	 * @return the simple name of this target's class by default
	 */
	default String name() {
		String simpleName = getClass().getSimpleName();
		return simpleName.isEmpty() ? getClass().getName() : simpleName;
	}

}
