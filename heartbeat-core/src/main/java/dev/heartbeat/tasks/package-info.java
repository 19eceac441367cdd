/**
 * Scheduled tasks watched by the heartbeat: their schedules, what the scheduler shows of
 * each run, and the state judged from both, with no scheduler library on the class path.
 */
@NullMarked
package dev.heartbeat.tasks;

import org.jspecify.annotations.NullMarked;
