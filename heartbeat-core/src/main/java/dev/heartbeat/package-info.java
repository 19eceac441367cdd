/**
 * The heartbeat engine: a background beat that keeps a JSON liveness file fresh and
 * watches {@link dev.heartbeat.HeartbeatTarget targets}, usable without Spring.
 */
@NullMarked
package dev.heartbeat;

import org.jspecify.annotations.NullMarked;
