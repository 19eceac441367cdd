package dev.heartbeat.fleet;

import org.jspecify.annotations.Nullable;

/**
 * A fleet store could not be written or read.
 *
 * @since 0.1.0
 */
public class FleetException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	/**
	 * Create an exception.
	 * @param message what failed
	 * @param cause why, if known
	 */
	public FleetException(String message, @Nullable Throwable cause) {
		super(message, cause);
	}

}
