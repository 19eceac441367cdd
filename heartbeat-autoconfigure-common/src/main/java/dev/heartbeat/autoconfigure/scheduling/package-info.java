/**
 * Auto-configuration that watches every task Spring schedules.
 */
@NullMarked
package dev.heartbeat.autoconfigure.scheduling;

import org.jspecify.annotations.NullMarked;
