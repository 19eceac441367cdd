package dev.heartbeat.autoconfigure.systemd;

import dev.heartbeat.context.ApplicationPhaseListener;
import dev.heartbeat.systemd.SystemdWatchdog;

import org.springframework.core.Ordered;

/**
 * Tells systemd that the application is ready when it is, and that it is stopping as soon
 * as its context starts to close.
 */
final class SystemdReadiness extends ApplicationPhaseListener implements Ordered {

	private final SystemdWatchdog watchdog;

	SystemdReadiness(SystemdWatchdog watchdog) {
		this.watchdog = watchdog;
	}

	@Override
	protected void applicationReady() {
		this.watchdog.ready();
	}

	@Override
	protected void contextClosing() {
		this.watchdog.stopping();
	}

	@Override
	public int getOrder() {
		// before the heartbeat's own listener, whose beat on these events is then the
		// first one
		// after READY=1, and the first one after STOPPING=1
		return Ordered.HIGHEST_PRECEDENCE;
	}

}
