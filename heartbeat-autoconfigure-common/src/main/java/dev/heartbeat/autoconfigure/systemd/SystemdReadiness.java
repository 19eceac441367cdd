package dev.heartbeat.autoconfigure.systemd;

import dev.heartbeat.context.ApplicationPhaseListener;
import dev.heartbeat.systemd.SystemdWatchdog;

import org.springframework.core.Ordered;

/**
 * Tells systemd that the application is ready when it is, that it is stopping as soon as
 * its context starts to close, and that it is reloading while its lifecycle beans stop
 * and start again with the context open ({@code context.stop()} and {@code start()}, a
 * CRaC checkpoint and restore), ready again when they have: {@code STOPPING=1} would have
 * systemd kill a process that does not exit.
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
	protected void applicationStopping() {
		this.watchdog.reloading();
	}

	@Override
	protected void contextClosing() {
		this.watchdog.stopping();
	}

	@Override
	public int getOrder() {
		// before the heartbeat's own listener, whose beat on these events is then the
		// first one after READY=1, and the first one after STOPPING=1
		return Ordered.HIGHEST_PRECEDENCE;
	}

	@Override
	public int getPhase() {
		// just before the heartbeat's status on a restart, so that READY=1 comes before
		// the beat that says UP again; just after it on a stop
		return PHASE - 1;
	}

}
