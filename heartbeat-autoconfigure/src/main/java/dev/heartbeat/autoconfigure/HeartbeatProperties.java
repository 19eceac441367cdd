package dev.heartbeat.autoconfigure;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.heartbeat.Heartbeat;
import dev.heartbeat.StopAction;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;

/**
 * Configuration properties of the heartbeat.
 */
@ConfigurationProperties("heartbeat")
public class HeartbeatProperties implements InitializingBean {

	/**
	 * Default state file, resolved against the environment.
	 */
	public static final String DEFAULT_STATE_FILE = "${java.io.tmpdir}/${spring.application.name:application}.heartbeat";

	/**
	 * Whether to enable the heartbeat.
	 */
	private boolean enabled = true;

	/**
	 * Path of the JSON state file rewritten on every beat. Defaults to
	 * "${java.io.tmpdir}/${spring.application.name:application}.heartbeat". Set it to an empty value
	 * to keep beats in memory only.
	 */
	private @Nullable String stateFile;

	/**
	 * Time between two beats, clamped to [1s, 300s].
	 */
	private Duration interval = Duration.ofSeconds(10);

	/**
	 * Oldest a beat may be before the heartbeat counts as stale. Defaults to three intervals; must be
	 * at least two.
	 */
	private @Nullable Duration maxAge;

	/**
	 * Static values written in the metadata of every beat.
	 */
	private Map<String, String> metadata = new LinkedHashMap<>();

	/**
	 * What to do with the state file when the application stops.
	 */
	private StopAction onStop = StopAction.MARK;

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public @Nullable String getStateFile() {
		return this.stateFile;
	}

	public void setStateFile(@Nullable String stateFile) {
		this.stateFile = stateFile;
	}

	public Duration getInterval() {
		return this.interval;
	}

	public void setInterval(Duration interval) {
		this.interval = interval;
	}

	public @Nullable Duration getMaxAge() {
		return this.maxAge;
	}

	public void setMaxAge(@Nullable Duration maxAge) {
		this.maxAge = maxAge;
	}

	public Map<String, String> getMetadata() {
		return this.metadata;
	}

	public void setMetadata(Map<String, String> metadata) {
		this.metadata = metadata;
	}

	public StopAction getOnStop() {
		return this.onStop;
	}

	public void setOnStop(StopAction onStop) {
		this.onStop = onStop;
	}

	/**
	 * The interval the heartbeat will use: the configured one, clamped.
	 * @return the effective interval
	 */
	Duration effectiveInterval() {
		if (this.interval.compareTo(Heartbeat.MIN_INTERVAL) < 0) {
			return Heartbeat.MIN_INTERVAL;
		}
		return (this.interval.compareTo(Heartbeat.MAX_INTERVAL) > 0) ? Heartbeat.MAX_INTERVAL : this.interval;
	}

	@Override
	public void afterPropertiesSet() {
		if (this.interval.isNegative() || this.interval.isZero()) {
			throw new InvalidConfigurationPropertyValueException("heartbeat.interval", this.interval,
					"The interval must be positive, such as 10s (values outside [1s, 300s] are clamped).");
		}
		if (this.maxAge != null) {
			Duration twoIntervals = effectiveInterval().multipliedBy(2);
			if (this.maxAge.compareTo(twoIntervals) < 0) {
				throw new InvalidConfigurationPropertyValueException("heartbeat.max-age", this.maxAge,
						"A heartbeat whose max age is under two intervals (" + twoIntervals
								+ ") turns stale after a single late beat. Set heartbeat.max-age to at least "
								+ twoIntervals + ", or remove it to use three intervals.");
			}
		}
	}

}
