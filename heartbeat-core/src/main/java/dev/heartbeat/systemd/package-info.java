/**
 * Tells systemd about the heartbeat over its notify socket: readiness, watchdog pings,
 * status and escalation.
 */
@NullMarked
package dev.heartbeat.systemd;

import org.jspecify.annotations.NullMarked;
