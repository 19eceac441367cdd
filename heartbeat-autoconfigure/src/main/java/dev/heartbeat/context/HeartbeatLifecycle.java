package dev.heartbeat.context;

import dev.heartbeat.Heartbeat;
import dev.heartbeat.HeartbeatStatus;
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
 * Starts a {@link Heartbeat} with the application context and makes the status in its state file
 * follow the application: {@link HeartbeatStatus#STARTING} until the application is ready,
 * {@link HeartbeatStatus#UP}, {@link HeartbeatStatus#STOPPING} from the moment the context starts
 * closing, and the heartbeat's stop action (by default {@link HeartbeatStatus#STOPPED}) last.
 * <p>
 * The heartbeat starts in an early phase and so stops in a late one: it keeps beating while the
 * web server drains its requests.
 */
public class HeartbeatLifecycle implements SmartLifecycle, GenericApplicationListener, ApplicationContextAware {

	/**
	 * The phase of the heartbeat: below the web server's (which stops at
	 * {@code DEFAULT_PHASE - 2048}), so that it stops after every other lifecycle bean.
	 */
	public static final int PHASE = Integer.MIN_VALUE + 1024;

	private final Heartbeat heartbeat;

	private volatile boolean running;

	private @Nullable ApplicationContext applicationContext;

	/**
	 * Create a lifecycle for a heartbeat.
	 * @param heartbeat the heartbeat to run
	 */
	public HeartbeatLifecycle(Heartbeat heartbeat) {
		this.heartbeat = heartbeat;
	}

	@Override
	public void setApplicationContext(ApplicationContext applicationContext) {
		this.applicationContext = applicationContext;
	}

	@Override
	public void start() {
		if (!this.heartbeat.isShutdown()) {
			this.heartbeat.start();
			this.running = true;
		}
	}

	@Override
	public void stop() {
		this.running = false;
		this.heartbeat.stop();
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	@Override
	public int getPhase() {
		return PHASE;
	}

	@Override
	public boolean supportsEventType(ResolvableType eventType) {
		return ApplicationReadyEvent.class.isAssignableFrom(eventType.toClass())
				|| ContextClosedEvent.class.isAssignableFrom(eventType.toClass());
	}

	@Override
	public void onApplicationEvent(ApplicationEvent event) {
		if (event instanceof ApplicationReadyEvent ready && ready.getApplicationContext() == this.applicationContext) {
			this.heartbeat.updateStatus(HeartbeatStatus.UP);
		}
		else if (event instanceof ContextClosedEvent closed
				&& closed.getApplicationContext() == this.applicationContext) {
			this.heartbeat.updateStatus(HeartbeatStatus.STOPPING);
		}
	}

}
