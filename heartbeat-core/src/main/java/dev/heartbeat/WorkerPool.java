package dev.heartbeat;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * The heartbeat's worker threads, for target checks, recoveries and listener callbacks.
 * One thread serves them all while they are quick. When every thread has been busy with
 * one task for longer than a stall allowance (a check that hangs, a listener that blocks)
 * and work waits, one more thread starts: what hangs costs its own thread and delays
 * nothing else for long. Threads beyond the first retire once idle.
 */
final class WorkerPool implements Executor {

	private static final Log logger = LogFactory.getLog(Heartbeat.class);

	// far longer than a check or a callback takes, far shorter than an interval
	static final long STALL_NANOS = TimeUnit.MILLISECONDS.toNanos(20);

	private static final long KEEP_ALIVE_NANOS = TimeUnit.SECONDS.toNanos(30);

	private final String threadNamePrefix;

	private final AtomicInteger threadCount = new AtomicInteger();

	private final ArrayDeque<Runnable> tasks = new ArrayDeque<>();

	private final List<Worker> workers = new ArrayList<>();

	private int idle;

	private boolean shutdown;

	WorkerPool(String threadNamePrefix) {
		this.threadNamePrefix = threadNamePrefix;
	}

	@Override
	public void execute(Runnable task) {
		synchronized (this) {
			if (this.shutdown) {
				throw new RejectedExecutionException("The heartbeat is stopping");
			}
			this.tasks.addLast(task);
			if (this.idle > 0) {
				notify();
			}
			else if (this.workers.isEmpty() || allStalled()) {
				startWorker();
			}
		}
	}

	/**
	 * Start a thread if work waits behind threads that are all stalled: called on every
	 * beat, so that work submitted while the last thread was still quick is never left
	 * waiting for long.
	 */
	void checkStalls() {
		synchronized (this) {
			if (!this.shutdown && !this.tasks.isEmpty() && this.idle == 0 && allStalled()) {
				startWorker();
			}
		}
	}

	/**
	 * The threads the pool has now.
	 * @return how many threads are alive in the pool
	 */
	synchronized int size() {
		return this.workers.size();
	}

	/**
	 * Drop the work that waits, interrupt what runs, and take no more.
	 */
	void shutdownNow() {
		synchronized (this) {
			this.shutdown = true;
			this.tasks.clear();
			this.workers.forEach(Worker::interrupt);
			notifyAll();
		}
	}

	// called under this pool's lock
	private boolean allStalled() {
		long now = System.nanoTime();
		for (Worker worker : this.workers) {
			long busySince = worker.busySince;
			if (busySince == 0 || now - busySince < STALL_NANOS) {
				return false;
			}
		}
		return true;
	}

	// called under this pool's lock
	private void startWorker() {
		Worker worker = new Worker();
		Thread thread = new Thread(worker, this.threadNamePrefix + this.threadCount.incrementAndGet());
		thread.setDaemon(true);
		worker.thread = thread;
		this.workers.add(worker);
		thread.start();
	}

	// called under this pool's lock: the next task, or null when this worker is to end
	private @Nullable Runnable take(Worker worker) throws InterruptedException {
		long idleSince = System.nanoTime();
		while (this.tasks.isEmpty()) {
			long waited = System.nanoTime() - idleSince;
			if (this.shutdown || (this.workers.size() > 1 && waited >= KEEP_ALIVE_NANOS)) {
				this.workers.remove(worker);
				return null;
			}
			this.idle++;
			try {
				wait(TimeUnit.NANOSECONDS.toMillis(KEEP_ALIVE_NANOS - waited) + 1);
			}
			finally {
				this.idle--;
			}
		}
		worker.busySince = System.nanoTime();
		return this.tasks.pollFirst();
	}

	/**
	 * One thread of the pool.
	 */
	private final class Worker implements Runnable {

		private volatile long busySince;

		private @Nullable Thread thread;

		void interrupt() {
			Thread running = this.thread;
			if (running != null) {
				running.interrupt();
			}
		}

		@Override
		public void run() {
			while (true) {
				Runnable task;
				synchronized (WorkerPool.this) {
					try {
						task = take(this);
					}
					catch (InterruptedException ex) {
						// interrupted while idle: only shutdownNow() does that, and
						// take() sees it next
						continue;
					}
				}
				if (task == null) {
					return;
				}
				try {
					task.run();
				}
				catch (Throwable ex) {
					logger.error("Heartbeat worker task failed", ex);
				}
				finally {
					this.busySince = 0;
					// an interrupt meant for the task just run must not end the next one
					Thread.interrupted();
				}
			}
		}

	}

}
