/**
 * Fleet heartbeats: each beat published to a store the instances share (a database table
 * or Redis), so that every instance sees which others are alive, stale or stopped.
 */
@NullMarked
package dev.heartbeat.fleet;

import org.jspecify.annotations.NullMarked;
