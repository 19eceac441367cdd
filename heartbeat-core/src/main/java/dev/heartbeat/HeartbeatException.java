package dev.heartbeat;

import org.jspecify.annotations.Nullable;

/**
 * Thrown when the heartbeat cannot do what it was asked: write a beat, or start twice.
 *
 * @see Heartbeat#beat()
 * @see Heartbeat#start()
 * @since 0.1.0
 */
public class HeartbeatException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	/**
	 * Create an exception with a message.
	 * @param message what went wrong
	 */
	public HeartbeatException(String message) {
		super(message);
	}

	/**
	 * Create an exception with a message and its cause.
	 * @param message what went wrong
	 * @param cause the underlying failure
	 */
	public HeartbeatException(String message, @Nullable Throwable cause) {
		super(message, cause);
	}

}
