package dev.heartbeat;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * What the heartbeat knows of one target.
 *
 * @param name the name the target is reported under
 * @param status what the target counts as, after the policy's thresholds
 * @param critical whether the target escalates when its recovery attempts run out
 * @param consecutiveFailures how many checks in a row found the target dead
 * @param recoveryAttempts how many times {@code recover()} was called since the target
 * died
 * @param lastChange when the status last changed, or {@code null} if it never did
 * @param escalated whether the target ran out of recovery attempts and was escalated
 * @param reason why the last check counted as dead when it did not simply say so (the
 * target's own {@link HeartbeatTarget#reason()}, its check threw, or did not answer in
 * time: "unresponsive"), or {@code null}
 * @since 0.1.0
 */
public record TargetReport(String name, TargetStatus status, boolean critical, int consecutiveFailures,
		int recoveryAttempts, @Nullable Instant lastChange, boolean escalated, @Nullable String reason) {

}
