package dev.heartbeat;

import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Calls every listener in turn, so that one that throws neither stops the others nor the beats.
 */
final class ListenerChain implements HeartbeatListener {

	private static final Log logger = LogFactory.getLog(Heartbeat.class);

	private final List<HeartbeatListener> listeners;

	ListenerChain(List<HeartbeatListener> listeners) {
		this.listeners = List.copyOf(listeners);
	}

	@Override
	public void onBeat(HeartbeatState state) {
		each("onBeat", (listener) -> listener.onBeat(state));
	}

	@Override
	public void onMissedBeat(HeartbeatException failure) {
		each("onMissedBeat", (listener) -> listener.onMissedBeat(failure));
	}

	@Override
	public void onTargetDead(String targetName, HeartbeatTarget target) {
		each("onTargetDead", (listener) -> listener.onTargetDead(targetName, target));
	}

	@Override
	public void onTargetRecovered(String targetName, HeartbeatTarget target) {
		each("onTargetRecovered", (listener) -> listener.onTargetRecovered(targetName, target));
	}

	@Override
	public void onAlert(String channel, String message, Map<String, Object> context) {
		each("onAlert", (listener) -> listener.onAlert(channel, message, context));
	}

	@Override
	public void onBeatOutcome(BeatOutcome outcome) {
		each("onBeatOutcome", (listener) -> listener.onBeatOutcome(outcome));
	}

	@Override
	public void onRecoveryAttempt(String targetName, HeartbeatTarget target, RecoveryOutcome outcome) {
		each("onRecoveryAttempt", (listener) -> listener.onRecoveryAttempt(targetName, target, outcome));
	}

	@Override
	public void onEscalated(String targetName, HeartbeatTarget target) {
		each("onEscalated", (listener) -> listener.onEscalated(targetName, target));
	}

	@Override
	public void onEscalationCleared() {
		each("onEscalationCleared", HeartbeatListener::onEscalationCleared);
	}

	private void each(String callback, Consumer<HeartbeatListener> call) {
		for (HeartbeatListener listener : this.listeners) {
			try {
				call.accept(listener);
			}
			catch (Throwable ex) {
				logger.warn("Heartbeat listener " + listener + " threw from " + callback + "; the heartbeat goes on", ex);
			}
		}
	}

}
