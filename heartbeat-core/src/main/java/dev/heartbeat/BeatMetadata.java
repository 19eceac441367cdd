package dev.heartbeat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * The metadata of each beat: the static values, then what each
 * {@link HeartbeatMetadataContributor contributor} adds, called as targets are checked:
 * off the beat thread, with a timeout.
 * <p>
 * While the heartbeat runs, each beat hands a call of each contributor to the worker
 * threads and waits for it no longer than the metadata timeout after the call began. A
 * contributor that answers in time has its values written; one that throws, or returns
 * values JSON cannot carry, is left out of that beat; one still running at its timeout is
 * left to finish, is not called again until it answers, and meanwhile its last good
 * values are written (or its keys left out if it has none). So a contributor that hangs
 * costs one beat one timeout, once, and the beats after it nothing. Each episode of
 * failure is logged once at WARN, and its end at INFO.
 * <p>
 * A heartbeat that beats without having been started calls its contributors where its
 * callback executor says, or on the beating thread if it has none.
 */
final class BeatMetadata {

	private static final Log logger = LogFactory.getLog(Heartbeat.class);

	private final Map<String, Object> fixed;

	private final List<Contribution> contributions;

	private final Duration timeout;

	private final @Nullable Executor unstartedExecutor;

	private volatile @Nullable Executor executor;

	/**
	 * Create the metadata of a heartbeat.
	 * @param fixed the static values, frozen in insertion order
	 * @param contributors the contributors, in the order their values are added
	 * @param timeout how long a beat waits for a contributor's call
	 * @param unstartedExecutor where contributors are called when the heartbeat beats
	 * without having been started, or {@code null} to call them on the beating thread
	 */
	BeatMetadata(Map<String, Object> fixed, List<HeartbeatMetadataContributor> contributors, Duration timeout,
			@Nullable Executor unstartedExecutor) {
		this.fixed = fixed;
		this.contributions = contributors.stream().map(Contribution::new).toList();
		this.timeout = timeout;
		this.unstartedExecutor = unstartedExecutor;
	}

	/**
	 * Call contributors on the given executor from now on (on start).
	 * @param executor the heartbeat's workers
	 */
	void open(Executor executor) {
		this.executor = executor;
	}

	/**
	 * Stop calling contributors on the executor of the run that stopped (on stop).
	 */
	void close() {
		this.executor = null;
	}

	/**
	 * How long a beat waits for a contributor's call.
	 * @return the metadata timeout
	 */
	Duration timeout() {
		return this.timeout;
	}

	/**
	 * The metadata of a beat about to be written, collected before the beat lock is
	 * taken.
	 * @return the static values, then the contributors', frozen
	 */
	Map<String, Object> collect() {
		if (this.contributions.isEmpty()) {
			return this.fixed;
		}
		Executor current = this.executor;
		if (current == null) {
			current = this.unstartedExecutor;
		}
		// every call starts before the first is waited for: they run side by side
		List<Call> calls = new ArrayList<>(this.contributions.size());
		for (Contribution contribution : this.contributions) {
			calls.add(contribution.call(current, this.timeout));
		}
		LinkedHashMap<String, Object> merged = new LinkedHashMap<>(this.fixed);
		for (int i = 0; i < calls.size(); i++) {
			Map<String, Object> values = this.contributions.get(i).await(calls.get(i), this.timeout);
			if (values != null) {
				merged.putAll(values);
			}
		}
		return FrozenMap.adopt(merged);
	}

	/**
	 * One contributor: its call in flight, its last good values, and its failure episode;
	 * guarded by its own lock.
	 */
	private static final class Contribution {

		private final HeartbeatMetadataContributor contributor;

		private @Nullable Call call;

		private @Nullable Map<String, Object> lastGood;

		private boolean failing;

		Contribution(HeartbeatMetadataContributor contributor) {
			this.contributor = contributor;
		}

		/**
		 * The call a beat waits for: the one in flight, or a new one.
		 */
		Call call(@Nullable Executor executor, Duration timeout) {
			Call started;
			synchronized (this) {
				Call inFlight = this.call;
				if (inFlight != null && !inFlight.future.isDone() && !inFlight.isStale(executor)) {
					// never twice at once: a call that hangs is waited for until its own
					// timeout, then skipped until it answers
					return inFlight;
				}
				started = new Call(executor, System.nanoTime() + timeout.toNanos());
				this.call = started;
			}
			if (executor == null) {
				run(started);
				return started;
			}
			try {
				executor.execute(() -> run(started));
			}
			catch (RejectedExecutionException ex) {
				// the heartbeat is stopping
				started.future.completeExceptionally(ex);
			}
			return started;
		}

		private void run(Call call) {
			synchronized (this) {
				if (this.call != call) {
					// replaced while it waited in an executor of an earlier run
					return;
				}
				call.started = true;
			}
			Map<String, Object> values = null;
			Throwable failure = null;
			try {
				Map<String, ?> contributed = this.contributor.metadata();
				StateJson.check(contributed);
				values = FrozenMap.copyOf(contributed);
			}
			catch (Throwable ex) {
				failure = ex;
			}
			synchronized (this) {
				// calls follow one another: the last to answer is the newest
				this.lastGood = values;
			}
			if (values != null) {
				call.future.complete(values);
			}
			else {
				call.future.completeExceptionally((failure != null) ? failure : new IllegalStateException());
			}
		}

		/**
		 * The values to write for this contributor.
		 * @return its values, its last good ones, or {@code null} to leave it out
		 */
		@Nullable Map<String, Object> await(Call call, Duration timeout) {
			Map<String, Object> values = null;
			Throwable failure = null;
			try {
				if (call.deadlineNanos - System.nanoTime() > 0) {
					values = call.get();
				}
				else if (call.future.isDone()) {
					values = call.future.get();
				}
			}
			catch (ExecutionException ex) {
				failure = (ex.getCause() != null) ? ex.getCause() : ex;
			}
			catch (TimeoutException ex) {
				// still running: its last good values stand in
			}
			catch (InterruptedException ex) {
				// the heartbeat is stopping: write what is known
				Thread.currentThread().interrupt();
			}
			if (failure instanceof RejectedExecutionException) {
				return lastGood();
			}
			String problem = null;
			Map<String, Object> written;
			boolean recovered = false;
			synchronized (this) {
				if (values != null) {
					recovered = this.failing;
					this.failing = false;
					written = values;
				}
				else {
					written = (failure != null) ? null : this.lastGood;
					if (!this.failing) {
						this.failing = true;
						problem = (failure != null)
								? "failed (" + failure + "); it is left out of the beats until" + " it answers"
								: "did not answer within " + timeout + "; "
										+ ((written != null) ? "its last values are written"
												: "it is left out of the beats")
										+ " until it answers, and it is not called again before";
					}
				}
			}
			if (problem != null) {
				// once per episode, not once per beat
				logger.warn("Heartbeat metadata contributor " + this.contributor + " " + problem);
			}
			else if (recovered) {
				logger.info("Heartbeat metadata contributor " + this.contributor + " answers again");
			}
			return written;
		}

		private synchronized @Nullable Map<String, Object> lastGood() {
			return this.lastGood;
		}

	}

	/**
	 * One call of a contributor: its answer, and the time after which beats stop waiting
	 * for it.
	 */
	private static final class Call {

		private final @Nullable Executor executor;

		private final long deadlineNanos;

		private final CompletableFuture<Map<String, Object>> future = new CompletableFuture<>();

		// guarded by the contribution's lock: set when a worker begins it
		private boolean started;

		Call(@Nullable Executor executor, long deadlineNanos) {
			this.executor = executor;
			this.deadlineNanos = deadlineNanos;
		}

		// one that never began on an executor no longer in use (dropped when the workers
		// of an earlier run stopped) never will
		boolean isStale(@Nullable Executor current) {
			return !this.started && this.executor != current;
		}

		// its answer, waiting no later than its deadline
		Map<String, Object> get() throws InterruptedException, ExecutionException, TimeoutException {
			if (this.executor instanceof WorkerPool pool) {
				// a call queued behind a worker that has just got stuck gets a thread of
				// its
				// own once the pool sees the stall: the beat thread looks, as it does on
				// each beat
				long slice = 2 * WorkerPool.STALL_NANOS;
				while (this.deadlineNanos - System.nanoTime() > slice) {
					try {
						return this.future.get(slice, TimeUnit.NANOSECONDS);
					}
					catch (TimeoutException ex) {
						pool.checkStalls();
					}
				}
			}
			return this.future.get(Math.max(0, this.deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
		}

	}

}
