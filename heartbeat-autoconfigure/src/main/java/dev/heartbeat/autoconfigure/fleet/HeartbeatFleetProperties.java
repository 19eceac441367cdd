package dev.heartbeat.autoconfigure.fleet;

import java.time.Duration;

import dev.heartbeat.fleet.FleetIdentity;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.util.StringUtils;

/**
 * Configuration properties of fleet heartbeats.
 */
@ConfigurationProperties("heartbeat.fleet")
public class HeartbeatFleetProperties implements InitializingBean {

	/**
	 * Store to publish each beat to, in addition to the state file, so that the instances of a
	 * group see each other. Fleet heartbeats are off while it is unset.
	 */
	private @Nullable FleetStoreType store;

	/**
	 * Id of this instance in its group. Defaults to the application name, hostname and pid,
	 * separated by colons.
	 */
	private @Nullable String instanceId;

	/**
	 * Group of instances that see each other. Defaults to the application name.
	 */
	private @Nullable String group;

	/**
	 * Time between two checks of the fleet, which report peers that join, die or stop.
	 */
	private Duration checkInterval = Duration.ofSeconds(10);

	/**
	 * How long stale and stopped members stay in the store before they are removed.
	 */
	private Duration retention = Duration.ofHours(1);

	/**
	 * Longest a write to the store may take before it counts as a missed fleet beat.
	 */
	private Duration timeout = Duration.ofSeconds(5);

	private final Jdbc jdbc = new Jdbc();

	private final Redis redis = new Redis();

	public @Nullable FleetStoreType getStore() {
		return this.store;
	}

	public void setStore(@Nullable FleetStoreType store) {
		this.store = store;
	}

	public @Nullable String getInstanceId() {
		return this.instanceId;
	}

	public void setInstanceId(@Nullable String instanceId) {
		this.instanceId = instanceId;
	}

	public @Nullable String getGroup() {
		return this.group;
	}

	public void setGroup(@Nullable String group) {
		this.group = group;
	}

	public Duration getCheckInterval() {
		return this.checkInterval;
	}

	public void setCheckInterval(Duration checkInterval) {
		this.checkInterval = checkInterval;
	}

	public Duration getRetention() {
		return this.retention;
	}

	public void setRetention(Duration retention) {
		this.retention = retention;
	}

	public Duration getTimeout() {
		return this.timeout;
	}

	public void setTimeout(Duration timeout) {
		this.timeout = timeout;
	}

	public Jdbc getJdbc() {
		return this.jdbc;
	}

	public Redis getRedis() {
		return this.redis;
	}

	@Override
	public void afterPropertiesSet() {
		name("heartbeat.fleet.instance-id", this.instanceId);
		name("heartbeat.fleet.group", this.group);
		positive("heartbeat.fleet.check-interval", this.checkInterval, "10s");
		positive("heartbeat.fleet.retention", this.retention, "1h");
		positive("heartbeat.fleet.timeout", this.timeout, "5s");
		if (!StringUtils.hasText(this.redis.keyPrefix)) {
			throw new InvalidConfigurationPropertyValueException("heartbeat.fleet.redis.key-prefix", this.redis.keyPrefix,
					"It must not be empty, such as heartbeat:fleet:.");
		}
	}

	private static void name(String property, @Nullable String value) {
		if (value == null) {
			return;
		}
		if (!StringUtils.hasText(value)) {
			throw new InvalidConfigurationPropertyValueException(property, value,
					"It must not be blank; remove it for the default.");
		}
		if (value.length() > FleetIdentity.MAX_LENGTH) {
			throw new InvalidConfigurationPropertyValueException(property, value,
					"It must be at most " + FleetIdentity.MAX_LENGTH + " characters long.");
		}
	}

	private static void positive(String property, Duration value, String example) {
		if (value.isNegative() || value.isZero()) {
			throw new InvalidConfigurationPropertyValueException(property, value,
					"It must be positive, such as " + example + ".");
		}
	}

	/**
	 * Properties of the JDBC store.
	 */
	public static class Jdbc {

		/**
		 * Name of the table of the fleet, optionally qualified by its schema.
		 */
		private String tableName = "heartbeat_fleet";

		/**
		 * When to create the table if it does not exist: in an embedded database only (such as
		 * H2), always, or never (create it yourself, from the script shipped for your database).
		 */
		private SchemaInitialization initializeSchema = SchemaInitialization.EMBEDDED;

		public String getTableName() {
			return this.tableName;
		}

		public void setTableName(String tableName) {
			this.tableName = tableName;
		}

		public SchemaInitialization getInitializeSchema() {
			return this.initializeSchema;
		}

		public void setInitializeSchema(SchemaInitialization initializeSchema) {
			this.initializeSchema = initializeSchema;
		}

	}

	/**
	 * Properties of the Redis store.
	 */
	public static class Redis {

		/**
		 * Prefix of the keys of the fleet.
		 */
		private String keyPrefix = "heartbeat:fleet:";

		public String getKeyPrefix() {
			return this.keyPrefix;
		}

		public void setKeyPrefix(String keyPrefix) {
			this.keyPrefix = keyPrefix;
		}

	}

}
