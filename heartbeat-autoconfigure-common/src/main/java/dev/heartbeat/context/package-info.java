/**
 * Runs a {@link dev.heartbeat.Heartbeat} with a Spring application context: started with
 * it, its status following the application's, stopped last.
 */
@NullMarked
package dev.heartbeat.context;

import org.jspecify.annotations.NullMarked;
