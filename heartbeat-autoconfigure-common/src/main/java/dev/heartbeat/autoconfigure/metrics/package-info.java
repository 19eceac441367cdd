/**
 * Auto-configuration of the heartbeat's meters and its {@code heartbeat.metrics.*}
 * properties.
 */
@NullMarked
package dev.heartbeat.autoconfigure.metrics;

import org.jspecify.annotations.NullMarked;
