package dev.heartbeat.autoconfigure.fleet;

import java.time.Duration;
import java.time.temporal.ChronoUnit;

import dev.heartbeat.fleet.FleetIdentity;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.convert.DurationUnit;
import org.springframework.util.StringUtils;
import org.springframework.validation.Errors;
import org.springframework.validation.Validator;

/**
 * Configuration properties of fleet heartbeats, which validate themselves. Those of the
 * JDBC store are {@link HeartbeatFleetJdbcProperties}.
 *
 * @since 0.1.0
 */
@ConfigurationProperties("heartbeat.fleet")
public class HeartbeatFleetProperties implements Validator {

	/**
	 * Store to publish each beat to, in addition to the state file, so that the instances
	 * of a group see each other. Fleet heartbeats are off while it is unset.
	 */
	private @Nullable FleetStoreType store;

	/**
	 * Id of this instance in its group. Defaults to the application name, hostname and
	 * pid, separated by colons.
	 */
	private @Nullable String instanceId;

	/**
	 * Group of instances that see each other. Defaults to the application name.
	 */
	private @Nullable String group;

	/**
	 * Time between two checks of the fleet, which report peers that join, die or stop. If
	 * a duration suffix is not specified, seconds will be used.
	 */
	@DurationUnit(ChronoUnit.SECONDS)
	private Duration checkInterval = Duration.ofSeconds(10);

	/**
	 * How long stale and stopped members stay in the store before they are removed. If a
	 * duration suffix is not specified, seconds will be used.
	 */
	@DurationUnit(ChronoUnit.SECONDS)
	private Duration retention = Duration.ofHours(1);

	/**
	 * Longest a write to the store may take before it counts as a missed fleet beat. If a
	 * duration suffix is not specified, seconds will be used.
	 */
	@DurationUnit(ChronoUnit.SECONDS)
	private Duration timeout = Duration.ofSeconds(5);

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

	public Redis getRedis() {
		return this.redis;
	}

	@Override
	public boolean supports(Class<?> type) {
		return HeartbeatFleetProperties.class.isAssignableFrom(type);
	}

	@Override
	public void validate(Object target, Errors errors) {
		HeartbeatFleetProperties properties = (HeartbeatFleetProperties) target;
		validateName("instanceId", properties.instanceId, errors);
		validateName("group", properties.group, errors);
		validatePositive("checkInterval", properties.checkInterval, "10s", errors);
		validatePositive("retention", properties.retention, "1h", errors);
		validatePositive("timeout", properties.timeout, "5s", errors);
		if (!StringUtils.hasText(properties.redis.keyPrefix)) {
			errors.rejectValue("redis.keyPrefix", "notEmpty", "It must not be empty, such as heartbeat:fleet:.");
		}
	}

	private static void validateName(String field, @Nullable String value, Errors errors) {
		if (value == null) {
			return;
		}
		if (!StringUtils.hasText(value)) {
			errors.rejectValue(field, "notBlank", "It must not be blank; remove it for the default.");
		}
		else if (value.length() > FleetIdentity.MAX_LENGTH) {
			errors.rejectValue(field, "tooLong",
					"It must be at most " + FleetIdentity.MAX_LENGTH + " characters long.");
		}
	}

	private static void validatePositive(String field, Duration value, String example, Errors errors) {
		if (value.isNegative() || value.isZero()) {
			errors.rejectValue(field, "positive", "It must be positive, such as " + example + ".");
		}
	}

	/**
	 * Properties of the Redis store.
	 *
	 * @since 0.1.0
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
