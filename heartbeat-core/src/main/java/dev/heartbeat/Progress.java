package dev.heartbeat;

import java.time.Duration;

/**
 * Proof that a work loop keeps moving, from {@link Heartbeat#progress(String, Duration)}:
 * the loop calls {@link #touch()} each time it gets through its work, and the heartbeat
 * watches it as a target of that name, dead when it was not touched within its deadline.
 * Like any target, a dead one is recovered under its {@link RecoveryPolicy} (its
 * {@code recover()} does nothing: the loop has to move again by itself) and escalates
 * when its attempts run out; touched again, it is alive again.
 * <p>
 * A loop that is idle on purpose, or draining at shutdown, {@link #pause() pauses} its
 * progress: a paused progress is never dead. Every method may be called from any thread;
 * {@code touch()} is one volatile write.
 *
 * @since 0.1.0
 */
public final class Progress {

	private final String name;

	private final Duration deadline;

	private final long deadlineNanos;

	private final Ticker ticker;

	private volatile long touchedNanos;

	private volatile boolean paused;

	Progress(String name, Duration deadline, Ticker ticker) {
		if (deadline.isNegative() || deadline.isZero()) {
			throw new IllegalArgumentException("deadline of progress '" + name + "' must be positive, not " + deadline);
		}
		this.name = name;
		this.deadline = deadline;
		this.deadlineNanos = deadline.toNanos();
		this.ticker = ticker;
		this.touchedNanos = ticker.nanoTime();
	}

	/**
	 * Record that the loop moved: the deadline runs again from now.
	 */
	public void touch() {
		this.touchedNanos = this.ticker.nanoTime();
	}

	/**
	 * Stop judging the loop (it is idle on purpose, or draining): a paused progress is
	 * never dead, and a dead one counts as alive again at the next check.
	 */
	public void pause() {
		this.paused = true;
	}

	/**
	 * Judge the loop again, its deadline running from now.
	 */
	public void resume() {
		this.touchedNanos = this.ticker.nanoTime();
		this.paused = false;
	}

	/**
	 * Whether the progress is paused.
	 * @return {@code true} between {@link #pause()} and {@link #resume()}
	 */
	public boolean isPaused() {
		return this.paused;
	}

	/**
	 * The name the progress is reported under, as a target.
	 * @return the name
	 */
	public String name() {
		return this.name;
	}

	/**
	 * The longest the loop may go without a touch before it counts as dead.
	 * @return the deadline
	 */
	public Duration deadline() {
		return this.deadline;
	}

	/**
	 * How long ago the loop was last touched, or resumed.
	 * @return the time since the last touch
	 */
	public Duration sinceTouched() {
		return Duration.ofNanos(this.ticker.nanoTime() - this.touchedNanos);
	}

	// the target's check, off the beat thread
	boolean isStalled() {
		return !this.paused && this.ticker.nanoTime() - this.touchedNanos > this.deadlineNanos;
	}

	@Override
	public String toString() {
		return this.name + " (deadline " + this.deadline + (this.paused ? ", paused)" : ")");
	}

}
