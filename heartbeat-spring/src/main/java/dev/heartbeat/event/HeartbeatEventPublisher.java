package dev.heartbeat.event;

import java.util.Map;

import dev.heartbeat.HeartbeatException;
import dev.heartbeat.HeartbeatListener;
import dev.heartbeat.HeartbeatState;
import dev.heartbeat.HeartbeatTarget;
import dev.heartbeat.PreviousRun;
import dev.heartbeat.tasks.TaskReport;
import dev.heartbeat.tasks.TaskStatus;

import org.springframework.context.ApplicationEventPublisher;

/**
 * A {@link HeartbeatListener} that publishes each callback as a {@link HeartbeatEvent},
 * so that {@code @EventListener} methods see beats, missed beats, dead targets and
 * alerts. Events are published on the heartbeat's worker threads (never on the beat
 * thread), with this publisher as their source.
 *
 * @since 0.1.0
 */
public class HeartbeatEventPublisher implements HeartbeatListener {

	private final ApplicationEventPublisher publisher;

	/**
	 * Create a listener that publishes to the given publisher.
	 * @param publisher where to publish, usually the application context
	 */
	public HeartbeatEventPublisher(ApplicationEventPublisher publisher) {
		this.publisher = publisher;
	}

	@Override
	public void onBeat(HeartbeatState state) {
		publish(new BeatEvent(this, state));
	}

	@Override
	public void onMissedBeat(HeartbeatException failure) {
		publish(new MissedBeatEvent(this, failure));
	}

	@Override
	public void onTargetDead(String targetName, HeartbeatTarget target) {
		publish(new TargetDeadEvent(this, targetName, target));
	}

	@Override
	public void onTargetRecovered(String targetName, HeartbeatTarget target) {
		publish(new TargetRecoveredEvent(this, targetName, target));
	}

	@Override
	public void onAlert(String channel, String message, Map<String, Object> context) {
		publish(new AlertEvent(this, channel, message, context));
	}

	@Override
	public void onEscalated(String targetName, HeartbeatTarget target) {
		publish(new TargetEscalatedEvent(this, targetName, target));
	}

	@Override
	public void onEscalationCleared() {
		publish(new EscalationClearedEvent(this));
	}

	@Override
	public void onPreviousRun(PreviousRun previousRun) {
		publish(new PreviousRunEvent(this, previousRun));
	}

	@Override
	public void onTaskStatusChanged(TaskReport task, TaskStatus previous) {
		publish(switch (task.status()) {
			case OK -> new TaskRecoveredEvent(this, task, previous);
			case OVERDUE -> new TaskOverdueEvent(this, task, previous);
			case FAILED -> new TaskFailedEvent(this, task, previous);
			case STUCK -> new TaskStuckEvent(this, task, previous);
		});
	}

	// as an Object, so that verifying this class loads no event class: each is loaded
	// when first published
	private void publish(Object event) {
		this.publisher.publishEvent(event);
	}

}
