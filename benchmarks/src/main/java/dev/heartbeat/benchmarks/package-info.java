/**
 * Benchmarks of the heartbeat, each beside the floor it is judged against: JMH for the
 * beat and the reading, plain mains for scheduling, detection and start-up.
 */
@NullMarked
package dev.heartbeat.benchmarks;

import org.jspecify.annotations.NullMarked;
