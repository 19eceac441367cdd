package dev.heartbeat;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A listener that records every callback, for tests to assert on.
 */
public final class RecordingListener implements HeartbeatListener {

	public final List<HeartbeatState> beats = new CopyOnWriteArrayList<>();

	public final List<HeartbeatException> missed = new CopyOnWriteArrayList<>();

	public final List<String> dead = new CopyOnWriteArrayList<>();

	public final List<String> recovered = new CopyOnWriteArrayList<>();

	public final List<String> alerts = new CopyOnWriteArrayList<>();

	public final List<String> threads = new CopyOnWriteArrayList<>();

	public final List<PreviousRun> previousRuns = new CopyOnWriteArrayList<>();

	// the callbacks' names in the order they came
	public final List<String> calls = new CopyOnWriteArrayList<>();

	@Override
	public void onBeat(HeartbeatState state) {
		this.threads.add(Thread.currentThread().getName());
		this.beats.add(state);
		this.calls.add("onBeat");
	}

	@Override
	public void onPreviousRun(PreviousRun previousRun) {
		this.previousRuns.add(previousRun);
		this.calls.add("onPreviousRun");
	}

	@Override
	public void onMissedBeat(HeartbeatException failure) {
		this.missed.add(failure);
	}

	@Override
	public void onTargetDead(String targetName, HeartbeatTarget target) {
		this.dead.add(targetName);
	}

	@Override
	public void onTargetRecovered(String targetName, HeartbeatTarget target) {
		this.recovered.add(targetName);
	}

	@Override
	public void onAlert(String channel, String message, Map<String, Object> context) {
		this.alerts.add(channel + ": " + message + " " + context);
	}

}
