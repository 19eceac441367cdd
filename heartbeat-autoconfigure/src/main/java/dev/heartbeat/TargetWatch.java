package dev.heartbeat;

import java.util.Map;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * One watched target: its last status, and the checks and recoveries of it. Used only from the
 * heartbeat's thread, under its beat lock.
 */
final class TargetWatch {

	private static final Log logger = LogFactory.getLog(Heartbeat.class);

	private final String name;

	private final HeartbeatTarget target;

	private volatile TargetStatus status = TargetStatus.ALIVE;

	private boolean recoveryFailing;

	TargetWatch(String name, HeartbeatTarget target) {
		this.name = name;
		this.target = target;
	}

	String name() {
		return this.name;
	}

	TargetStatus status() {
		return this.status;
	}

	/**
	 * Ask the target whether it is dead; a check that throws counts as dead.
	 * @return the status before this check
	 */
	TargetStatus check() {
		TargetStatus previous = this.status;
		Throwable cause = null;
		boolean dead;
		try {
			dead = this.target.isDead();
		}
		catch (Throwable ex) {
			dead = true;
			cause = ex;
		}
		this.status = dead ? TargetStatus.DEAD : TargetStatus.ALIVE;
		if (dead && previous == TargetStatus.ALIVE) {
			logger.warn("Heartbeat target '" + this.name + "' is dead" + ((cause != null) ? " (its check threw " + cause + ")" : "")
					+ ", recovering it on every beat");
		}
		else if (!dead && previous == TargetStatus.DEAD) {
			logger.info("Heartbeat target '" + this.name + "' is alive again");
			this.recoveryFailing = false;
		}
		return previous;
	}

	/**
	 * Report what the last check found and, if the target is dead, try to recover it.
	 * @param previous the status before the last check
	 * @param listener where to report
	 */
	void report(TargetStatus previous, HeartbeatListener listener) {
		if (this.status == TargetStatus.ALIVE) {
			if (previous == TargetStatus.DEAD) {
				listener.onTargetRecovered(this.name, this.target);
			}
			return;
		}
		listener.onAlert("heartbeat", "Target is dead, triggering recovery", Map.of("target", this.name));
		listener.onTargetDead(this.name, this.target);
		recover();
	}

	private void recover() {
		try {
			this.target.recover();
		}
		catch (Throwable ex) {
			logRecoveryFailure(ex);
		}
	}

	private void logRecoveryFailure(Throwable ex) {
		String message = "Recovery of heartbeat target '" + this.name + "' failed";
		if (!this.recoveryFailing) {
			this.recoveryFailing = true;
			logger.warn(message + ", trying again on the next beat", ex);
		}
		else if (logger.isDebugEnabled()) {
			logger.debug(message, ex);
		}
	}

	@Override
	public String toString() {
		return this.name + "=" + this.status;
	}

}
