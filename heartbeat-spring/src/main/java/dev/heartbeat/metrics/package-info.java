/**
 * Micrometer meters of the heartbeat: beats, their duration, the age of the last beat,
 * targets and recoveries.
 */
@NullMarked
package dev.heartbeat.metrics;

import org.jspecify.annotations.NullMarked;
