/**
 * The {@code heartbeat} health indicator, backed by the state file.
 */
@NullMarked
package dev.heartbeat.health;

import org.jspecify.annotations.NullMarked;
