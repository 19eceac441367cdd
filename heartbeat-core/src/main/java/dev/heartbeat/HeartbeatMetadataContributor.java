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
	 * The values to add to the next beat. Called once per beat on a worker thread, never
	 * on the heartbeat's own: a beat waits for it no longer than the metadata timeout
	 * ({@link Heartbeat#DEFAULT_METADATA_TIMEOUT}, at most half the interval), then
	 * writes its last good values (or leaves its keys out) and does not call it again
	 * until it answers. A contributor that throws is left out of that beat. Each episode
	 * is logged once at WARN.
	 * @return the values to add, keyed by name
	 */
	Map<String, ?> metadata();

}
