package dev.heartbeat.context;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationContextAware;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.GenericApplicationListener;
import org.springframework.core.ResolvableType;

/**
 * Hears when its own application becomes ready and when its context starts to close, and
 * when a ready application's lifecycle beans stop and start again while its context stays
 * open: {@code ConfigurableApplicationContext.stop()} and {@code start()},
 * {@code pause()} and {@code restart()}, or a CRaC checkpoint and restore, around which
 * Spring stops and restarts them and publishes no {@link ApplicationReadyEvent}.
 * <p>
 * It is a {@link SmartLifecycle} of the last phase unless a subclass says otherwise: it
 * starts after every other lifecycle bean, so that {@link #applicationReady()} is called
 * again once they have all started again, and it stops before them, so that
 * {@link #applicationStopping()} is called as they begin to stop. Events of a child
 * context (such as a management server's), which reach the parent's listeners too, are
 * neither the application's start nor its end and are ignored.
 *
 * @since 0.1.0
 */
public abstract class ApplicationPhaseListener
		implements GenericApplicationListener, ApplicationContextAware, SmartLifecycle {

	/**
	 * The phase of these listeners unless a subclass says otherwise: the last to start,
	 * the first to stop.
	 */
	public static final int PHASE = Integer.MAX_VALUE;

	private @Nullable ApplicationContext applicationContext;

	private volatile boolean ready;

	private volatile boolean closing;

	private volatile boolean running;

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
			this.ready = true;
			applicationReady();
		}
		else if (event instanceof ContextClosedEvent closed
				&& closed.getApplicationContext() == this.applicationContext) {
			this.closing = true;
			contextClosing();
		}
	}

	/**
	 * Call {@link #applicationReady()} again if the application was ready before its
	 * lifecycle beans stopped: they have all started again.
	 */
	@Override
	public void start() {
		this.running = true;
		if (this.ready && !this.closing) {
			applicationReady();
		}
	}

	/**
	 * Call {@link #applicationStopping()} if the application was ready and its context is
	 * not closing: its lifecycle beans begin to stop, to be started again.
	 */
	@Override
	public void stop() {
		this.running = false;
		if (this.ready && !this.closing) {
			applicationStopping();
		}
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	@Override
	public int getPhase() {
		return PHASE;
	}

	/**
	 * Called when the application is ready, and again when its lifecycle beans have all
	 * started again after {@link #applicationStopping()}.
	 */
	protected abstract void applicationReady();

	/**
	 * Called when the lifecycle beans of a ready application begin to stop while its
	 * context stays open, to be started again.
	 */
	protected abstract void applicationStopping();

	/**
	 * Called when the application's context starts to close.
	 */
	protected abstract void contextClosing();

}
