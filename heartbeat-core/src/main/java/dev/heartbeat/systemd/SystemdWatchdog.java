package dev.heartbeat.systemd;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import dev.heartbeat.HeartbeatListener;
import dev.heartbeat.HeartbeatState;
import dev.heartbeat.HeartbeatTarget;
import dev.heartbeat.TargetStatus;

/**
 * Feeds systemd's watchdog from the heartbeat, so that systemd restarts a service whose
 * heartbeat stops or escalates. Add it to the heartbeat as a {@link HeartbeatListener},
 * call {@link #ready()} when the service is ready and {@link #stopping()} when it begins
 * to stop; {@link #reloading()} when it stops for a while without exiting (and
 * {@link #ready()} again when it is back). It sends:
 * <ul>
 * <li>{@code READY=1} from {@link #ready()}, each time;</li>
 * <li>{@code WATCHDOG=1} and {@code STATUS=} a one-line summary after each written beat,
 * from {@link #ready()} until {@link #stopping()}, while no target is escalated;</li>
 * <li>{@code WATCHDOG=trigger} and {@code STATUS=} when a critical target escalates
 * (unless escalation is turned off), so that systemd applies the service's watchdog
 * action at once; while escalated, beats send {@code STATUS=} only, and
 * {@code WATCHDOG=1} resumes when the escalation clears;</li>
 * <li>{@code STOPPING=1} from {@link #stopping()}; beats after it send {@code STATUS=}
 * only;</li>
 * <li>{@code RELOADING=1} and {@code MONOTONIC_USEC=} from {@link #reloading()}; beats
 * after it send {@code STATUS=} only, until {@link #ready()}. Not {@code STOPPING=1}:
 * systemd takes that for the start of an exit, and kills a process that has not exited
 * {@code TimeoutStopSec=} later.</li>
 * </ul>
 * Nothing is sent before {@link #ready()}: systemd arms the watchdog only once the
 * service is ready (a target that escalated before then keeps the pings from starting). A
 * beat that could not be written sends nothing, so a heartbeat that cannot write its
 * state file lets the watchdog expire.
 *
 * @since 0.1.0
 */
public class SystemdWatchdog implements HeartbeatListener {

	private final SystemdNotifier notifier;

	private final boolean escalate;

	// beats come from the heartbeat's thread and from status changes: each decision and
	// its send
	// happen under this lock, so that no WATCHDOG=1 slips before READY=1 or after
	// STOPPING=1
	private final Object lock = new Object();

	private boolean ready;

	private boolean stopping;

	private boolean reloading;

	private boolean escalated;

	/**
	 * Create a watchdog that triggers systemd's watchdog action when the heartbeat
	 * escalates.
	 * @param notifier where to send the notifications
	 */
	public SystemdWatchdog(SystemdNotifier notifier) {
		this(notifier, true);
	}

	/**
	 * Create a watchdog.
	 * @param notifier where to send the notifications
	 * @param escalate whether an escalation sends {@code WATCHDOG=trigger} and stops the
	 * pings; otherwise it only changes the status
	 */
	public SystemdWatchdog(SystemdNotifier notifier, boolean escalate) {
		this.notifier = notifier;
		this.escalate = escalate;
	}

	/**
	 * Tell systemd that the service is ready ({@code READY=1}) and start feeding the
	 * watchdog: at first, and again after {@link #reloading()} (or after
	 * {@link #stopping()}, in a process restored from a checkpoint).
	 */
	public void ready() {
		synchronized (this.lock) {
			this.ready = true;
			this.stopping = false;
			this.reloading = false;
			this.notifier.send("READY=1");
		}
	}

	/**
	 * Tell systemd that the service stops for a while without exiting
	 * ({@code RELOADING=1}), as when its application context is stopped to be started
	 * again, and stop feeding the watchdog until {@link #ready()}. Does nothing before
	 * the service was ready or once it is stopping.
	 */
	public void reloading() {
		synchronized (this.lock) {
			if (!this.ready || this.stopping || this.reloading) {
				return;
			}
			this.reloading = true;
			// systemd 253 and later match the reload with the time it began
			this.notifier.send("RELOADING=1\nMONOTONIC_USEC=" + TimeUnit.NANOSECONDS.toMicros(System.nanoTime()));
		}
	}

	/**
	 * Tell systemd that the service is stopping ({@code STOPPING=1}) and stop feeding the
	 * watchdog: systemd disarms it, and a graceful shutdown may take longer than its
	 * timeout.
	 */
	public void stopping() {
		synchronized (this.lock) {
			this.stopping = true;
			this.notifier.send("STOPPING=1");
		}
	}

	/**
	 * Whether the watchdog is fed: between {@link #ready()} and {@link #stopping()} or
	 * {@link #reloading()}, while nothing is escalated.
	 * @return {@code true} if written beats send {@code WATCHDOG=1}
	 */
	public boolean isFeeding() {
		synchronized (this.lock) {
			return this.ready && !this.stopping && !this.reloading && !(this.escalate && this.escalated);
		}
	}

	@Override
	public void onBeat(HeartbeatState state) {
		String status = "STATUS=" + summary(state);
		synchronized (this.lock) {
			if (this.ready) {
				this.notifier.send(isFeeding() ? "WATCHDOG=1\n" + status : status);
			}
		}
	}

	@Override
	public void onEscalated(String targetName, HeartbeatTarget target) {
		String status = "STATUS=Heartbeat escalated: target " + oneLine(targetName)
				+ " is still dead after its recovery attempts";
		synchronized (this.lock) {
			this.escalated = true;
			if (this.ready && !this.stopping) {
				this.notifier.send(this.escalate ? "WATCHDOG=trigger\n" + status : status);
			}
		}
	}

	@Override
	public void onEscalationCleared() {
		synchronized (this.lock) {
			this.escalated = false;
		}
	}

	/**
	 * The one-line status sent with a beat, such as
	 * {@code Heartbeat UP, beat 42, 2 targets alive} or
	 * {@code Heartbeat UP, beat 43, dead: marketFeed}.
	 * @param state the beat
	 * @return the summary
	 */
	static String summary(HeartbeatState state) {
		StringBuilder summary = new StringBuilder("Heartbeat ");
		if (state.status() != null) {
			summary.append(state.status()).append(", ");
		}
		summary.append("beat ").append(state.seq()).append(", ");
		List<String> dead = state.targets()
			.entrySet()
			.stream()
			.filter((target) -> target.getValue() == TargetStatus.DEAD)
			.map(Map.Entry::getKey)
			.map(SystemdWatchdog::oneLine)
			.toList();
		int count = state.targets().size();
		if (!dead.isEmpty()) {
			summary.append("dead: ").append(String.join(", ", dead));
		}
		else if (count == 0) {
			summary.append("no targets");
		}
		else {
			summary.append(count).append((count == 1) ? " target alive" : " targets alive");
		}
		return summary.toString();
	}

	private static String oneLine(String text) {
		// a line break would start a new KEY=VALUE line in the datagram
		return text.replaceAll("[\\r\\n]+", " ");
	}

	@Override
	public String toString() {
		return "SystemdWatchdog(" + this.notifier.notifySocket() + ")";
	}

}
