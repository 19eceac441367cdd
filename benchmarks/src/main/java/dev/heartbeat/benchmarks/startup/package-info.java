/**
 * The application whose start-up is measured, in a package of its own so that its
 * component scan picks up nothing else.
 */
@NullMarked
package dev.heartbeat.benchmarks.startup;

import org.jspecify.annotations.NullMarked;
