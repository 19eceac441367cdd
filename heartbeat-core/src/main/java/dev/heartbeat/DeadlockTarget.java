package dev.heartbeat;

import java.lang.management.LockInfo;
import java.lang.management.ManagementFactory;
import java.lang.management.MonitorInfo;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.stream.Collectors;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * A built-in target, named {@value #NAME}, that is dead while threads of this JVM are
 * deadlocked on monitors or ownable synchronizers (such as {@code ReentrantLock}), as
 * {@link ThreadMXBean#findDeadlockedThreads()} finds them.
 * <p>
 * A deadlock never resolves itself and cannot be recovered from inside the process:
 * {@link #POLICY its default policy} escalates at once, so that liveness fails and the
 * orchestrator restarts the process. Its {@link #reason() reason} names the deadlocked
 * threads, the locks they wait on and their owners; their stacks are logged once per
 * deadlock, at ERROR.
 *
 * @since 0.1.0
 */
public final class DeadlockTarget implements HeartbeatTarget {

	/**
	 * The name the target is reported under.
	 */
	public static final String NAME = "deadlock";

	/**
	 * Its default policy: {@link RecoveryPolicy#DEFAULT} escalating at once.
	 */
	public static final RecoveryPolicy POLICY = RecoveryPolicy.DEFAULT.withEscalateAtOnce(true);

	private static final Log logger = LogFactory.getLog(Heartbeat.class);

	// stacks deeper than this add nothing to finding a deadlock
	private static final int MAX_STACK_DEPTH = 32;

	private final ThreadMXBean threads;

	private final boolean synchronizers;

	// checks never run twice at once for one target; volatile for the reports' readers
	private volatile long @Nullable [] lastDeadlock;

	private volatile @Nullable String reason;

	/**
	 * A target that asks this JVM's {@link ManagementFactory#getThreadMXBean() thread
	 * bean}.
	 */
	public DeadlockTarget() {
		this(ManagementFactory.getThreadMXBean());
	}

	DeadlockTarget(ThreadMXBean threads) {
		this.threads = threads;
		this.synchronizers = threads.isSynchronizerUsageSupported();
	}

	/**
	 * Whether threads of this JVM are deadlocked now. Logs their stacks at ERROR when a
	 * new deadlock is found.
	 * @return {@code true} while a deadlock exists
	 */
	@Override
	public boolean isDead() {
		long[] ids = this.synchronizers ? this.threads.findDeadlockedThreads()
				: this.threads.findMonitorDeadlockedThreads();
		if (ids == null || ids.length == 0) {
			this.lastDeadlock = null;
			this.reason = null;
			return false;
		}
		Arrays.sort(ids);
		boolean found = !Arrays.equals(ids, this.lastDeadlock);
		if (found) {
			// only a new deadlock costs thread infos: the same one keeps its reason
			ThreadInfo[] infos = this.threads.getThreadInfo(ids, true, this.synchronizers, MAX_STACK_DEPTH);
			String reason = describe(infos);
			logger.error("Heartbeat target '" + NAME + "' found " + reason + stacks(infos));
			this.reason = reason;
			this.lastDeadlock = ids;
		}
		return true;
	}

	/**
	 * The deadlocked threads, each with the lock it waits on and that lock's owner.
	 * @return for example {@code deadlocked threads: 'a' waits for
	 * java.lang.Object@1b6d3586 held by 'b'; 'b' waits for java.lang.Object@4554617c
	 * held by 'a'}, or {@code null} when no deadlock was found
	 */
	@Override
	public @Nullable String reason() {
		return this.reason;
	}

	@Override
	public String name() {
		return NAME;
	}

	private static String describe(@Nullable ThreadInfo[] infos) {
		return Arrays.stream(infos)
			.filter((info) -> info != null)
			.map(DeadlockTarget::describe)
			.collect(Collectors.joining("; ", "deadlocked threads: ", ""));
	}

	private static String describe(ThreadInfo info) {
		return "'" + info.getThreadName() + "' waits for " + info.getLockName() + " held by '" + info.getLockOwnerName()
				+ "'";
	}

	// ThreadInfo.toString() cuts stacks at 8 frames: the whole stack, with the locks held
	private static String stacks(@Nullable ThreadInfo[] infos) {
		StringBuilder text = new StringBuilder();
		for (ThreadInfo info : infos) {
			if (info == null) {
				continue;
			}
			text.append("\n\"").append(info.getThreadName()).append("\" id=").append(info.getThreadId()).append(' ');
			text.append(info.getThreadState()).append(" on ").append(info.getLockName());
			text.append(" owned by \"").append(info.getLockOwnerName()).append('"');
			StackTraceElement[] stack = info.getStackTrace();
			for (int i = 0; i < stack.length; i++) {
				text.append("\n\tat ").append(stack[i]);
				for (MonitorInfo monitor : info.getLockedMonitors()) {
					if (monitor.getLockedStackDepth() == i) {
						text.append("\n\t- locked ").append(monitor);
					}
				}
			}
			LockInfo[] synchronizers = info.getLockedSynchronizers();
			if (synchronizers.length > 0) {
				text.append("\n\tlocked synchronizers: ").append(Arrays.toString(synchronizers));
			}
		}
		return text.toString();
	}

	@Override
	public String toString() {
		return NAME;
	}

}
