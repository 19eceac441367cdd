package dev.heartbeat.sample;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import dev.heartbeat.Heartbeat;
import dev.heartbeat.Progress;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * A work loop, such as a queue consumer, that proves it moves: it touches its
 * {@link Progress}, watched by the heartbeat as the target {@code worker}, after each
 * item of work. It can be made to stall, stuck in a call that never returns, to watch the
 * heartbeat find it dead, and escalate once its recovery attempts run out; it pauses its
 * progress while it is stopped, so that draining at shutdown never counts as stuck.
 */
@Component
public class Worker implements SmartLifecycle {

	private static final Log logger = LogFactory.getLog(Worker.class);

	private final Progress progress;

	private final Duration pace;

	private final AtomicLong processed = new AtomicLong();

	private volatile @Nullable CountDownLatch stall;

	private volatile boolean running;

	private @Nullable Thread thread;

	public Worker(Heartbeat heartbeat, @Value("${sample.worker.deadline:10s}") Duration deadline,
			@Value("${sample.worker.pace:200ms}") Duration pace) {
		this.progress = heartbeat.progress("worker", deadline);
		// judged only while the loop runs
		this.progress.pause();
		this.pace = pace;
	}

	@Override
	public synchronized void start() {
		this.running = true;
		this.progress.resume();
		Thread thread = new Thread(this::work, "sample-worker");
		thread.setDaemon(true);
		thread.start();
		this.thread = thread;
	}

	@Override
	public synchronized void stop() {
		this.progress.pause();
		this.running = false;
		Thread thread = this.thread;
		if (thread != null) {
			thread.interrupt();
		}
		this.thread = null;
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	private void work() {
		while (this.running) {
			CountDownLatch stall = this.stall;
			if (stall != null) {
				awaitQuietly(stall);
				continue;
			}
			this.processed.incrementAndGet();
			this.progress.touch();
			LockSupport.parkNanos(this.pace.toNanos());
		}
	}

	/**
	 * Make the loop stall, as a call that hangs would.
	 */
	public void stall() {
		if (this.stall == null) {
			this.stall = new CountDownLatch(1);
			logger.info("Worker stalled: it takes no more work until it is resumed");
		}
	}

	/**
	 * Let a stalled loop move again.
	 */
	public void resume() {
		CountDownLatch stall = this.stall;
		this.stall = null;
		if (stall != null) {
			stall.countDown();
			logger.info("Worker resumed");
		}
	}

	public boolean isStalled() {
		return this.stall != null;
	}

	public long processed() {
		return this.processed.get();
	}

	public Duration sinceProgress() {
		return this.progress.sinceTouched();
	}

	private static void awaitQuietly(CountDownLatch latch) {
		try {
			latch.await();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
