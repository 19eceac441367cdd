/**
 * A small web application that uses the heartbeat starter as a user would.
 */
@NullMarked
package dev.heartbeat.sample;

import org.jspecify.annotations.NullMarked;
