/**
 * Auto-configuration of the {@code heartbeat} health indicator.
 */
@NullMarked
package dev.heartbeat.autoconfigure.health;

import org.jspecify.annotations.NullMarked;
