package dev.heartbeat.push;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * The pushes waiting to be sent, and the push thread, named
 * {@value PushMonitor#THREAD_NAME}, that sends them one at a time. The queue holds at
 * most {@value PushMonitor#QUEUE_CAPACITY} pushes and drops its oldest ping when full;
 * the thread starts with the first push.
 * <p>
 * Only {@link #close()} ends the thread: an interrupt from anywhere else, or an error
 * while sending, is logged and the thread goes on with the next push; and a thread that
 * died all the same (an error thrown past every guard) is logged and replaced by the next
 * push.
 * <p>
 * Guarded by the monitor's lock: the monitor's callbacks {@link #add} with it held (any
 * thread), the push thread takes with it held, and {@link #close()}, {@link #pending()},
 * {@link #dropped()} and {@link #isClosed()} take it themselves.
 */
final class PushQueue {

	private static final Log logger = LogFactory.getLog(PushMonitor.class);

	// a request stuck past its timeout is the HTTP client's problem, not a reason to hang
	// a close
	private static final Duration JOIN_TIMEOUT = Duration.ofSeconds(2);

	private final ReentrantLock lock;

	private final Condition queued;

	private final PushSender sender;

	private final String target;

	// guarded by lock
	private final Deque<Push> queue = new ArrayDeque<>(PushMonitor.QUEUE_CAPACITY);

	private @Nullable Thread thread;

	// set by a thread that died, so that the next push says it starts a new one
	private boolean threadDied;

	private boolean closed;

	private long dropped;

	/**
	 * Create an empty queue, with no thread yet.
	 * @param lock the monitor's lock, which guards the queue
	 * @param sender what sends each push, on the push thread
	 * @param target where pushes go, as logs show it
	 */
	PushQueue(ReentrantLock lock, PushSender sender, String target) {
		this.lock = lock;
		this.queued = lock.newCondition();
		this.sender = sender;
		this.target = target;
	}

	/**
	 * Queue a push, with the lock held; starts the thread with the first. Does nothing
	 * once closed.
	 * @param push the push
	 */
	void add(Push push) {
		if (this.closed) {
			return;
		}
		if (this.queue.size() >= PushMonitor.QUEUE_CAPACITY) {
			dropOldest();
		}
		this.queue.addLast(push);
		Thread current = this.thread;
		if (current == null || !current.isAlive()) {
			if (this.threadDied || current != null) {
				logger.warn("Heartbeat push thread to " + this.target + " had died; starting a new one");
			}
			this.threadDied = false;
			// started on the first request, so that a monitor that is never used holds no
			// thread
			Thread started = new Thread(this::run, PushMonitor.THREAD_NAME);
			started.setDaemon(true);
			started.start();
			this.thread = started;
		}
		this.queued.signal();
	}

	/**
	 * Stop the thread and drop the pushes not sent yet; a request in flight is abandoned.
	 * Idempotent.
	 */
	void close() {
		Thread stopping;
		int abandoned;
		this.lock.lock();
		try {
			if (this.closed) {
				return;
			}
			this.closed = true;
			abandoned = this.queue.size();
			this.queue.clear();
			stopping = this.thread;
			this.queued.signalAll();
		}
		finally {
			this.lock.unlock();
		}
		if (abandoned > 0 && logger.isDebugEnabled()) {
			logger.debug("Heartbeat push to " + this.target + " closed with " + abandoned + " request(s) not sent");
		}
		if (stopping != null && stopping != Thread.currentThread()) {
			stopping.interrupt();
			try {
				stopping.join(JOIN_TIMEOUT.toMillis());
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
	}

	/**
	 * Whether {@link #close()} was called.
	 * @return {@code true} once closed
	 */
	boolean isClosed() {
		this.lock.lock();
		try {
			return this.closed;
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * How many pushes wait to be sent.
	 * @return the size of the queue
	 */
	int pending() {
		this.lock.lock();
		try {
			return this.queue.size();
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * How many pushes were dropped because the queue was full.
	 * @return the number of dropped pushes
	 */
	long dropped() {
		this.lock.lock();
		try {
			return this.dropped;
		}
		finally {
			this.lock.unlock();
		}
	}

	private void dropOldest() {
		this.dropped++;
		// a newer ping says all an older one would; signals are rare and kept while pings
		// remain
		for (Iterator<Push> pushes = this.queue.iterator(); pushes.hasNext();) {
			if (pushes.next().signal() == Push.Signal.PING) {
				pushes.remove();
				return;
			}
		}
		this.queue.removeFirst();
	}

	private void run() {
		try {
			while (true) {
				Push push = next();
				if (push == null) {
					return;
				}
				send(push);
			}
		}
		catch (Throwable ex) {
			// past every guard below: the next push starts a new thread, and says so
			this.lock.lock();
			try {
				if (this.thread == Thread.currentThread()) {
					this.thread = null;
					this.threadDied = true;
				}
			}
			finally {
				this.lock.unlock();
			}
			logger.error("Heartbeat push thread to " + this.target + " died; the next push starts a new one", ex);
			throw ex;
		}
	}

	// the next push to send, or null once closed
	private @Nullable Push next() {
		while (true) {
			this.lock.lock();
			try {
				while (this.queue.isEmpty() && !this.closed) {
					this.queued.await();
				}
				if (this.closed) {
					return null;
				}
				return this.queue.removeFirst();
			}
			catch (InterruptedException ex) {
				if (this.closed) {
					return null;
				}
				interrupted("while it waited for a push");
			}
			finally {
				this.lock.unlock();
			}
		}
	}

	private void send(Push push) {
		try {
			if (!this.sender.send(push, this) && !isClosed()) {
				// the interrupt was not a close: the push it cut short is sent again,
				// once
				interrupted("while it sent " + push.signal().describe() + ", which is sent again");
				if (!this.sender.send(push, this) && !isClosed()) {
					interrupted("again while it sent " + push.signal().describe() + ", which is dropped");
				}
			}
		}
		catch (Throwable ex) {
			if (ex instanceof VirtualMachineError) {
				// the JVM itself is failing: run() logs it, and the next push starts a
				// new thread
				throw ex;
			}
			// a push that cannot be sent must not end the pushes after it
			logger.error("Heartbeat push of " + push.signal().describe() + " to " + this.target
					+ " failed unexpectedly; the pushes after it go on", ex);
		}
	}

	private void interrupted(String when) {
		// only close() may end the thread: whoever else interrupted it, pushes go on
		Thread.interrupted();
		logger.warn("Heartbeat push thread to " + this.target + " was interrupted " + when
				+ ", but not closed: it goes on");
	}

}
