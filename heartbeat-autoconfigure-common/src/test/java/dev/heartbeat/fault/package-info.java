/**
 * Fault injection: the file system faults, crashes and bad input the heartbeat must
 * survive.
 */
@NullMarked
package dev.heartbeat.fault;

import org.jspecify.annotations.NullMarked;
