package dev.heartbeat.context;

import dev.heartbeat.HeartbeatListener;
import dev.heartbeat.HeartbeatTarget;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.LivenessState;
import org.springframework.context.ApplicationEventPublisher;

/**
 * Breaks the application's {@link LivenessState liveness} when the heartbeat escalates,
 * so that {@code /actuator/health/liveness} fails and the orchestrator restarts the
 * process, and makes it correct again when every escalated target is alive, but only if
 * the heartbeat was the one that broke it.
 *
 * @since 0.1.0
 */
public class LivenessEscalation implements HeartbeatListener {

	private static final Log logger = LogFactory.getLog(LivenessEscalation.class);

	private final ApplicationEventPublisher publisher;

	private final @Nullable ApplicationAvailability availability;

	/**
	 * Create an escalation that publishes availability changes.
	 * @param publisher where to publish, usually the application context
	 * @param availability the application's availability, to tell who broke liveness last
	 */
	public LivenessEscalation(ApplicationEventPublisher publisher, @Nullable ApplicationAvailability availability) {
		this.publisher = publisher;
		this.availability = availability;
	}

	@Override
	public void onEscalated(String targetName, HeartbeatTarget target) {
		logger.error("Heartbeat breaks the application's liveness: target '" + targetName + "' escalated");
		AvailabilityChangeEvent.publish(this.publisher, this, LivenessState.BROKEN);
	}

	@Override
	public void onEscalationCleared() {
		if (brokenByUs()) {
			logger.info("Heartbeat restores the application's liveness: every escalated target is alive again");
			AvailabilityChangeEvent.publish(this.publisher, this, LivenessState.CORRECT);
		}
	}

	private boolean brokenByUs() {
		if (this.availability == null) {
			return true;
		}
		AvailabilityChangeEvent<LivenessState> last = this.availability.getLastChangeEvent(LivenessState.class);
		return last != null && last.getState() == LivenessState.BROKEN && last.getSource() == this;
	}

}
