package dev.heartbeat;

import java.time.Duration;

/**
 * A monotonic ticker that tests move by hand.
 */
public final class MutableTicker implements Ticker {

	private volatile long nanos;

	public void set(Duration sinceOrigin) {
		this.nanos = sinceOrigin.toNanos();
	}

	public void advance(Duration duration) {
		this.nanos += duration.toNanos();
	}

	@Override
	public long nanoTime() {
		return this.nanos;
	}

}
