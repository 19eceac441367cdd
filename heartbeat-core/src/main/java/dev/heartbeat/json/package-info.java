/**
 * The JSON form of the values a heartbeat carries in its metadata: one mapping, on
 * Jackson's streaming API, for the engine's state files and the fleet's stores.
 */
@NullMarked
package dev.heartbeat.json;

import org.jspecify.annotations.NullMarked;
