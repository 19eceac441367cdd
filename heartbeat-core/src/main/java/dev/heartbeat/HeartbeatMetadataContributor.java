package dev.heartbeat;

import java.util.Map;

/**
 * Adds dynamic values to the {@code metadata} of every beat, after the static metadata.
 * <p>
 * Values may be strings, numbers, booleans, {@code null}, enums, maps with string keys,
 * collections and arrays of these; other values are written with {@code toString()}.
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface HeartbeatMetadataContributor {

	/**
	 * The values to add to the next beat. Called on the heartbeat's thread once per beat;
	 * a contributor that throws is logged and left out of that beat.
	 * @return the values to add, keyed by name
	 */
	Map<String, ?> metadata();

}
