package dev.heartbeat.autoconfigure.fleet;

/**
 * The kinds of store fleet heartbeats can be published to.
 *
 * @since 0.1.0
 */
public enum FleetStoreType {

	/**
	 * A table of the application's {@code DataSource}.
	 */
	JDBC,

	/**
	 * Keys in the application's Redis.
	 */
	REDIS

}
