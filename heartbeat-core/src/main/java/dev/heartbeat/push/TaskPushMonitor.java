package dev.heartbeat.push;

import java.net.URI;
import java.time.Duration;
import java.util.concurrent.locks.ReentrantLock;

import dev.heartbeat.tasks.TaskListener;
import dev.heartbeat.tasks.TaskObservation;
import dev.heartbeat.tasks.TaskWatcher;
import org.jspecify.annotations.Nullable;

/**
 * Tells a push monitor of each run of one scheduled task, as healthchecks.io, Cronitor
 * and Uptime Kuma expect of a job: {@code <url>/start} when a run starts, the URL itself
 * when it returns, {@code <url>/fail} when it throws, each with the run's id as
 * {@code rid} so that the monitor pairs a start with its end and measures the run. A
 * failure is sent as a {@code POST} whose body is the exception's class and message, on
 * one line and at most {@value TaskObservation#MAX_FAILURE} characters: never a stack
 * trace.
 * <p>
 * Registered with a {@link TaskWatcher} whose scheduler reports runs. Its callbacks run
 * on the task's thread and only queue a request: requests are sent from the monitor's own
 * daemon thread, named {@value PushMonitor#THREAD_NAME}, as a {@link PushMonitor} sends
 * them (a short timeout, one retry, a small queue, failures logged once), so a slow or
 * dead monitor never delays a run.
 *
 * @since 0.1.0
 */
public final class TaskPushMonitor implements TaskListener, AutoCloseable {

	private final String taskName;

	private final URI url;

	private final ReentrantLock lock = new ReentrantLock();

	private final PushQueue queue;

	/**
	 * Create a monitor of one task's runs.
	 * @param taskName the task whose runs are pushed
	 * @param url the URL to ping, {@code http} or {@code https}, such as
	 * {@code https://hc-ping.com/<uuid>}
	 * @param timeout the timeout for connecting, and again for the answer, of each
	 * request
	 * @throws IllegalArgumentException if the URL is not an absolute {@code http} or
	 * {@code https} URL with a host
	 */
	public TaskPushMonitor(String taskName, URI url, Duration timeout) {
		// the same checks as a heartbeat's monitor
		PushMonitor.builder(url).timeout(timeout);
		this.taskName = taskName;
		this.url = url;
		PushRequests requests = new PushRequests(url, timeout, PushMethod.GET, false);
		this.queue = new PushQueue(this.lock, new PushSender(requests, timeout), requests.target());
	}

	@Override
	public void onTaskRunStarted(String taskName, String runId) {
		if (this.taskName.equals(taskName)) {
			add(new Push(Push.Signal.START, null, runId, null));
		}
	}

	@Override
	public void onTaskRunEnded(String taskName, String runId, Duration took, @Nullable Throwable failure) {
		if (!this.taskName.equals(taskName)) {
			return;
		}
		add((failure != null) ? new Push(Push.Signal.FAIL, null, runId, TaskObservation.failure(failure))
				: new Push(Push.Signal.PING, null, runId, null));
	}

	private void add(Push push) {
		this.lock.lock();
		try {
			this.queue.add(push);
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * The task whose runs are pushed.
	 * @return the task's name
	 */
	public String taskName() {
		return this.taskName;
	}

	/**
	 * The URL pinged when a run returns.
	 * @return the URL
	 */
	public URI url() {
		return this.url;
	}

	/**
	 * Stop the monitor's thread and drop the requests not sent yet. Idempotent.
	 */
	@Override
	public void close() {
		this.queue.close();
	}

	@Override
	public String toString() {
		return "TaskPushMonitor for '" + this.taskName + "'";
	}

}
