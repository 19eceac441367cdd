/**
 * Auto-configuration of the {@code heartbeat} Actuator endpoint.
 */
@NullMarked
package dev.heartbeat.autoconfigure.endpoint;

import org.jspecify.annotations.NullMarked;
