/**
 * Auto-configuration of the heartbeat's push monitor and its {@code heartbeat.push.*}
 * properties.
 */
@NullMarked
package dev.heartbeat.autoconfigure.push;

import org.jspecify.annotations.NullMarked;
