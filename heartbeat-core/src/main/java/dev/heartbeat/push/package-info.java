/**
 * Push monitors: an HTTP request to a dead man's switch (such as healthchecks.io) on each
 * beat, sent from its own thread so that a slow monitor never delays the heartbeat.
 */
@NullMarked
package dev.heartbeat.push;

import org.jspecify.annotations.NullMarked;
