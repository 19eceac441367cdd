/**
 * The {@code heartbeat} Actuator endpoint, which shows the heartbeat and triggers a beat.
 */
@NullMarked
package dev.heartbeat.endpoint;

import org.jspecify.annotations.NullMarked;
