/**
 * Adapters from Spring's scheduling to the heartbeat's watched tasks: the tasks of
 * Spring's scheduled task holders, and the runs of the scheduler they run on.
 */
@NullMarked
package dev.heartbeat.scheduling;

import org.jspecify.annotations.NullMarked;
