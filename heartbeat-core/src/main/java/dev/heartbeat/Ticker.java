package dev.heartbeat;

/**
 * A monotonic source of nanoseconds, for measuring time inside the process: unlike a wall
 * clock, it never jumps when NTP steps the clock. Tests give the heartbeat one they move
 * by hand.
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface Ticker {

	/**
	 * Nanoseconds since an arbitrary origin; only differences mean something.
	 * @return the current reading
	 */
	long nanoTime();

	/**
	 * The JVM's monotonic clock.
	 * @return a ticker backed by {@link System#nanoTime()}
	 */
	static Ticker system() {
		return System::nanoTime;
	}

}
