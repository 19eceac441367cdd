package dev.heartbeat.context;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationContextAware;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.GenericApplicationListener;
import org.springframework.core.ResolvableType;

/**
 * Hears when its own application becomes ready and when its context starts to close.
 * Events of a child context (such as a management server's), which reach the parent's
 * listeners too, are neither the application's start nor its end and are ignored.
 *
 * @since 0.1.0
 */
public abstract class ApplicationPhaseListener implements GenericApplicationListener, ApplicationContextAware {

	private @Nullable ApplicationContext applicationContext;

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
		if (event instanceof ApplicationReadyEvent ready && ready.getApplicationContext() == this.applicationContext) {
			applicationReady();
		}
		else if (event instanceof ContextClosedEvent closed
				&& closed.getApplicationContext() == this.applicationContext) {
			contextClosing();
		}
	}

	/**
	 * Called when the application is ready.
	 */
	protected abstract void applicationReady();

	/**
	 * Called when the application's context starts to close.
	 */
	protected abstract void contextClosing();

}
