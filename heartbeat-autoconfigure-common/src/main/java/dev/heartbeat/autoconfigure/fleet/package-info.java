/**
 * Auto-configuration of fleet heartbeats and their {@code heartbeat.fleet.*} properties.
 */
@NullMarked
package dev.heartbeat.autoconfigure.fleet;

import org.jspecify.annotations.NullMarked;
