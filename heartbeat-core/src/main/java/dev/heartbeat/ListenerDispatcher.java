package dev.heartbeat;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;

import dev.heartbeat.tasks.TaskReport;
import dev.heartbeat.tasks.TaskStatus;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * Hands every callback to each listener on a worker thread, one queue per listener: a
 * listener that throws is logged, and one that blocks holds up only its own queue, never
 * the beats nor the other listeners. Each listener sees its callbacks in order. A queue
 * whose drain the workers of a stopped run dropped is drained again by the next run.
 */
final class ListenerDispatcher implements HeartbeatListener {

	private static final Log logger = LogFactory.getLog(Heartbeat.class);

	// a blocked listener must not make the heartbeat hoard memory: past this, its
	// callbacks are dropped
	static final int QUEUE_CAPACITY = 1024;

	private final List<ListenerQueue> queues;

	private volatile @Nullable Executor executor;

	ListenerDispatcher(List<HeartbeatListener> listeners) {
		this.queues = listeners.stream().map(ListenerQueue::new).toList();
	}

	/**
	 * Deliver callbacks on the given executor from now on; {@code null} to deliver none.
	 * @param executor where callbacks run
	 */
	void deliverOn(@Nullable Executor executor) {
		this.executor = executor;
	}

	/**
	 * Wait until every listener has handled what it was given, except a listener whose
	 * callback is running on this very thread.
	 * @param timeout the longest to wait in all
	 */
	void awaitDelivery(Duration timeout) {
		long deadline = System.nanoTime() + timeout.toNanos();
		Executor current = this.executor;
		for (ListenerQueue queue : this.queues) {
			queue.awaitIdle(deadline, current);
		}
	}

	@Override
	public void onBeat(HeartbeatState state) {
		each("onBeat", (listener) -> listener.onBeat(state));
	}

	@Override
	public void onMissedBeat(HeartbeatException failure) {
		each("onMissedBeat", (listener) -> listener.onMissedBeat(failure));
	}

	@Override
	public void onTargetDead(String targetName, HeartbeatTarget target) {
		each("onTargetDead", (listener) -> listener.onTargetDead(targetName, target));
	}

	@Override
	public void onTargetRecovered(String targetName, HeartbeatTarget target) {
		each("onTargetRecovered", (listener) -> listener.onTargetRecovered(targetName, target));
	}

	@Override
	public void onAlert(String channel, String message, Map<String, Object> context) {
		each("onAlert", (listener) -> listener.onAlert(channel, message, context));
	}

	@Override
	public void onBeatOutcome(BeatOutcome outcome) {
		each("onBeatOutcome", (listener) -> listener.onBeatOutcome(outcome));
	}

	@Override
	public void onRecoveryAttempt(String targetName, HeartbeatTarget target, RecoveryOutcome outcome) {
		each("onRecoveryAttempt", (listener) -> listener.onRecoveryAttempt(targetName, target, outcome));
	}

	@Override
	public void onEscalated(String targetName, HeartbeatTarget target) {
		each("onEscalated", (listener) -> listener.onEscalated(targetName, target));
	}

	@Override
	public void onEscalationCleared() {
		each("onEscalationCleared", HeartbeatListener::onEscalationCleared);
	}

	@Override
	public void onPreviousRun(PreviousRun previousRun) {
		each("onPreviousRun", (listener) -> listener.onPreviousRun(previousRun));
	}

	@Override
	public void onTaskStatusChanged(TaskReport task, TaskStatus previous) {
		each("onTaskStatusChanged", (listener) -> listener.onTaskStatusChanged(task, previous));
	}

	private void each(String callback, Consumer<HeartbeatListener> call) {
		Executor current = this.executor;
		if (current == null) {
			return;
		}
		for (ListenerQueue queue : this.queues) {
			queue.offer(callback, call, current);
		}
	}

	/**
	 * The callbacks waiting for one listener, handled one at a time by at most one drain.
	 */
	private static final class ListenerQueue {

		private final HeartbeatListener listener;

		private final ArrayDeque<Callback> pending = new ArrayDeque<>();

		// the drain handed to an executor, until it finds nothing more to deliver
		private @Nullable Drain drain;

		private boolean overflowing;

		ListenerQueue(HeartbeatListener listener) {
			this.listener = listener;
		}

		void offer(String name, Consumer<HeartbeatListener> call, Executor executor) {
			Drain started;
			synchronized (this) {
				if (this.pending.size() >= QUEUE_CAPACITY) {
					if (!this.overflowing) {
						this.overflowing = true;
						logger.warn("Heartbeat listener " + this.listener + " is not keeping up (blocked?); its "
								+ QUEUE_CAPACITY + " pending callbacks are kept and newer ones dropped");
					}
					return;
				}
				this.pending.add(new Callback(name, call));
				if (this.drain != null && !this.drain.isStale(executor)) {
					// the drain under way delivers this callback too
					return;
				}
				// none, or one that the workers of an earlier run dropped when they
				// stopped
				started = new Drain(executor);
				this.drain = started;
			}
			try {
				executor.execute(() -> drain(started));
			}
			catch (RejectedExecutionException ex) {
				// the heartbeat is stopping: what was not delivered by now is dropped
				synchronized (this) {
					if (this.drain == started) {
						this.pending.clear();
						this.drain = null;
						notifyAll();
					}
				}
			}
		}

		private void drain(Drain drain) {
			synchronized (this) {
				if (this.drain != drain) {
					// replaced while it waited in an executor of an earlier run
					return;
				}
				drain.thread = Thread.currentThread();
			}
			while (true) {
				Callback callback;
				synchronized (this) {
					callback = this.pending.poll();
					if (callback == null) {
						this.drain = null;
						this.overflowing = false;
						notifyAll();
						return;
					}
				}
				callback.runOn(this.listener);
			}
		}

		synchronized void awaitIdle(long deadlineNanos, @Nullable Executor current) {
			while (this.drain != null && !this.drain.isStale(current) && this.drain.thread != Thread.currentThread()) {
				long remaining = deadlineNanos - System.nanoTime();
				if (remaining <= 0) {
					return;
				}
				try {
					wait(Math.max(1, remaining / 1_000_000));
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					return;
				}
			}
		}

	}

	/**
	 * One drain of a listener's queue, handed to an executor; guarded by the queue's
	 * lock.
	 */
	private static final class Drain {

		private final Executor executor;

		// set when a worker begins it
		private @Nullable Thread thread;

		Drain(Executor executor) {
			this.executor = executor;
		}

		// one that never began on an executor no longer in use never will
		boolean isStale(@Nullable Executor current) {
			return this.thread == null && this.executor != current;
		}

	}

	private record Callback(String name, Consumer<HeartbeatListener> call) {

		void runOn(HeartbeatListener listener) {
			try {
				this.call.accept(listener);
			}
			catch (Throwable ex) {
				logger.warn("Heartbeat listener " + listener + " threw from " + this.name + "; the heartbeat goes on",
						ex);
			}
		}

	}

}
