/**
 * Health indicators of the heartbeat: {@code heartbeat}, this process's own beat, backed
 * by the state file; {@code heartbeatTargets}, the targets it watches;
 * {@code heartbeatTasks}, the scheduled tasks it watches; and {@code heartbeatFleet},
 * this instance's part in its fleet.
 */
@NullMarked
package dev.heartbeat.health;

import org.jspecify.annotations.NullMarked;
