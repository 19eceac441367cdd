package dev.heartbeat.autoconfigure.scheduling;

import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.bind.BindContext;
import org.springframework.boot.context.properties.bind.BindHandler;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.core.env.Environment;

/**
 * Binds the settings of each task, {@code heartbeat.tasks[<name>].*}, next to
 * {@code heartbeat.tasks.enabled}, and checks them: a wrong value stops startup with a
 * message that names the property and the fix.
 * <p>
 * Bound here rather than by a {@code @ConfigurationProperties} class, which cannot hold
 * both a switch and a map of names under one prefix.
 */
final class TaskSettingsBinder {

	static final String PREFIX = "heartbeat.tasks";

	private static final ConfigurationPropertyName ENABLED = ConfigurationPropertyName.of(PREFIX + ".enabled");

	private TaskSettingsBinder() {
	}

	/**
	 * The settings of each task named in the environment.
	 * @param environment the environment
	 * @return the settings by task name, in the order they were bound
	 * @throws InvalidConfigurationPropertyValueException if a value is wrong
	 */
	static Map<String, TaskProperties> bind(Environment environment) {
		Map<String, TaskProperties> tasks = Binder.get(environment)
			.bind(PREFIX, Bindable.mapOf(String.class, TaskProperties.class), new SkipSwitch())
			.orElseGet(Map::of);
		Map<String, TaskProperties> checked = new LinkedHashMap<>();
		tasks.forEach((name, task) -> {
			check(name, task);
			checked.put(name, task);
		});
		return checked;
	}

	private static void check(String name, TaskProperties task) {
		String prefix = PREFIX + "[" + name + "]";
		Duration grace = task.getGrace();
		if (grace != null && grace.isNegative()) {
			throw new InvalidConfigurationPropertyValueException(prefix + ".grace", grace,
					"A grace must not be negative. Set " + prefix + ".grace to 0 or more (such as 30s), or remove it "
							+ "for the default of one period or one heartbeat interval.");
		}
		Duration maxRuntime = task.getMaxRuntime();
		if (maxRuntime != null && (maxRuntime.isNegative() || maxRuntime.isZero())) {
			throw new InvalidConfigurationPropertyValueException(prefix + ".max-runtime", maxRuntime,
					"A max-runtime must be positive. Set " + prefix + ".max-runtime to a positive duration "
							+ "(such as 5m), or remove it for no limit.");
		}
		URI url = task.getPush().getUrl();
		if (url != null && !isHttp(url)) {
			throw new InvalidConfigurationPropertyValueException(prefix + ".push.url", url,
					"A push URL must be an absolute http or https URL with a host. Set " + prefix
							+ ".push.url to one, such as https://hc-ping.com/<uuid>.");
		}
	}

	private static boolean isHttp(URI url) {
		String scheme = url.getScheme();
		return scheme != null && (scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))
				&& url.getHost() != null;
	}

	/**
	 * Leaves {@code heartbeat.tasks.enabled} out of the map of tasks.
	 */
	private static final class SkipSwitch implements BindHandler {

		@Override
		public <T> @Nullable Bindable<T> onStart(ConfigurationPropertyName name, Bindable<T> target,
				BindContext context) {
			return ENABLED.equals(name) ? null : target;
		}

	}

}
