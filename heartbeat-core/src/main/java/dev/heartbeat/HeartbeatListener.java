package dev.heartbeat;

import java.util.Map;

import dev.heartbeat.tasks.TaskReport;
import dev.heartbeat.tasks.TaskStatus;
import dev.heartbeat.tasks.TaskWatcher;

/**
 * Callbacks from the heartbeat, the equivalents of the Python heartbeat's
 * {@code on_beat}, {@code on_missed_beat}, {@code on_target_dead} and {@code on_alert}.
 * <p>
 * Callbacks run on the heartbeat's worker threads, in order for each listener, never on
 * the beat thread. One that throws is logged; one that blocks holds up only its own
 * callbacks.
 *
 * @since 0.1.0
 */
public interface HeartbeatListener {

	/**
	 * Called after each beat that was written (or kept in memory, with no state file).
	 * @param state the state that was written
	 */
	default void onBeat(HeartbeatState state) {
	}

	/**
	 * Called when a scheduled beat could not be written. The next beat tries again.
	 * @param failure why the beat was missed
	 */
	default void onMissedBeat(HeartbeatException failure) {
	}

	/**
	 * Called after each beat that found a target dead, before its
	 * {@link HeartbeatTarget#recover()}.
	 * @param targetName the name the target is reported under
	 * @param target the dead target
	 */
	default void onTargetDead(String targetName, HeartbeatTarget target) {
	}

	/**
	 * Called on the first beat that finds a dead target alive again.
	 * @param targetName the name the target is reported under
	 * @param target the target that is alive again
	 */
	default void onTargetRecovered(String targetName, HeartbeatTarget target) {
	}

	/**
	 * Called when the heartbeat raises an alert, such as a dead target.
	 * @param channel where the alert comes from ({@code "heartbeat"})
	 * @param message what happened, in one line
	 * @param context details, such as {@code target}
	 */
	default void onAlert(String channel, String message, Map<String, Object> context) {
	}

	/**
	 * Called after each beat attempt, written or not, with how long it took.
	 * @param outcome the attempt
	 */
	default void onBeatOutcome(BeatOutcome outcome) {
	}

	/**
	 * Called when the outcome of a {@link HeartbeatTarget#recover()} attempt is known: at
	 * once if it threw, otherwise at the next check of the target.
	 * @param targetName the name the target is reported under
	 * @param target the target
	 * @param outcome what came of the attempt
	 */
	default void onRecoveryAttempt(String targetName, HeartbeatTarget target, RecoveryOutcome outcome) {
	}

	/**
	 * Called when a critical target has used up its recovery attempts and is still dead:
	 * the heartbeat escalates (the process should be restarted).
	 * @param targetName the name the target is reported under
	 * @param target the target
	 */
	default void onEscalated(String targetName, HeartbeatTarget target) {
	}

	/**
	 * Called when every escalated target is alive again.
	 */
	default void onEscalationCleared() {
	}

	/**
	 * Called on {@link Heartbeat#start()}, before the first beat is reported, when the
	 * state file was last written by another process: the previous run of the
	 * application. Not called when there is no file, when it cannot be read, or when this
	 * process wrote it (a heartbeat started again).
	 * @param previousRun how the previous run ended
	 */
	default void onPreviousRun(PreviousRun previousRun) {
	}

	/**
	 * Called when the judged state of a watched scheduled task changes (see
	 * {@link HeartbeatBuilder#tasks(TaskWatcher)}): it became {@code OVERDUE},
	 * {@code FAILED} or {@code STUCK}, or {@code OK} again.
	 * @param task the task, as judged now
	 * @param previous its state before
	 */
	default void onTaskStatusChanged(TaskReport task, TaskStatus previous) {
	}

}
