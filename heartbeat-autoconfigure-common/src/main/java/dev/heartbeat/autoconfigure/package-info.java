/**
 * Auto-configuration of the heartbeat and its {@code heartbeat.*} properties.
 */
@NullMarked
package dev.heartbeat.autoconfigure;

import org.jspecify.annotations.NullMarked;
