package dev.heartbeat.autoconfigure.systemd;

import dev.heartbeat.systemd.SystemdWatchdog;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationContextAware;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.GenericApplicationListener;
import org.springframework.core.Ordered;
import org.springframework.core.ResolvableType;

/**
 * Tells systemd that the application is ready when it is, and that it is stopping as soon as its
 * context starts to close.
 */
final class SystemdReadiness implements GenericApplicationListener, ApplicationContextAware {

	private final SystemdWatchdog watchdog;

	private @Nullable ApplicationContext applicationContext;

	SystemdReadiness(SystemdWatchdog watchdog) {
		this.watchdog = watchdog;
	}

	@Override
	public void setApplicationContext(ApplicationContext applicationContext) {
		this.applicationContext = applicationContext;
	}

	@Override
	public boolean supportsEventType(ResolvableType eventType) {
		return ApplicationReadyEvent.class.isAssignableFrom(eventType.toClass())
				|| ContextClosedEvent.class.isAssignableFrom(eventType.toClass());
	}

	@Override
	public void onApplicationEvent(ApplicationEvent event) {
		// a child context (such as a management server's) is neither the application's start nor its end
		if (event instanceof ApplicationReadyEvent ready && ready.getApplicationContext() == this.applicationContext) {
			this.watchdog.ready();
		}
		else if (event instanceof ContextClosedEvent closed
				&& closed.getApplicationContext() == this.applicationContext) {
			this.watchdog.stopping();
		}
	}

	@Override
	public int getOrder() {
		// before the heartbeat's own listener, whose beat on these events is then the first one
		// after READY=1, and the first one after STOPPING=1
		return Ordered.HIGHEST_PRECEDENCE;
	}

}
