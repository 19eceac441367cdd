package dev.heartbeat.autoconfigure;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.heartbeat.Heartbeat;
import dev.heartbeat.HeartbeatBuilder;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.actuate.endpoint.SanitizableData;
import org.springframework.boot.actuate.endpoint.Sanitizer;
import org.springframework.boot.actuate.endpoint.SanitizingFunction;
import org.springframework.core.Ordered;

/**
 * Writes {@code heartbeat.metadata.*} values that Boot's {@link Sanitizer} would hide
 * (keys ending in {@code password}, {@code secret}, {@code key}, {@code token},
 * containing {@code credentials}, URIs, and whatever the application's
 * {@link SanitizingFunction} beans hide) as {@code ******}: the state file is readable by
 * other users, and nothing secret belongs in it.
 *
 * @since 0.1.0
 */
public class SensitiveMetadataCustomizer implements HeartbeatBuilderCustomizer, Ordered {

	private static final Log logger = LogFactory.getLog(SensitiveMetadataCustomizer.class);

	private static final String PREFIX = "heartbeat.metadata.";

	private final Map<String, String> metadata;

	private final List<SanitizingFunction> sanitizingFunctions;

	/**
	 * Create a customizer for the configured metadata.
	 * @param metadata the {@code heartbeat.metadata.*} values, by key
	 * @param sanitizingFunctions the application's sanitizing functions, applied after
	 * Boot's defaults
	 */
	public SensitiveMetadataCustomizer(Map<String, String> metadata, List<SanitizingFunction> sanitizingFunctions) {
		this.metadata = Map.copyOf(metadata);
		this.sanitizingFunctions = List.copyOf(sanitizingFunctions);
	}

	@Override
	public void customize(HeartbeatBuilder builder) {
		if (this.metadata.isEmpty()) {
			// nothing to mask: Boot's sanitizing functions (a dozen lambdas) are not
			// worth building at start-up
			return;
		}
		Sanitizer sanitizer = sanitizer();
		Map<String, Object> masked = new LinkedHashMap<>();
		this.metadata.forEach((key, value) -> {
			Object sanitized = sanitizer.sanitize(new SanitizableData(null, PREFIX + key, value), true);
			if (!value.equals(sanitized)) {
				masked.put(key, String.valueOf(sanitized));
			}
		});
		if (!masked.isEmpty()) {
			logger.warn("Heartbeat metadata " + masked.keySet() + " look sensitive and are written as "
					+ SanitizableData.SANITIZED_VALUE + ": the state file is no place for secrets");
			builder.metadata(masked);
		}
	}

	private Sanitizer sanitizer() {
		List<SanitizingFunction> functions = new ArrayList<>();
		functions.add(SanitizingFunction.sanitizeValue().ifLikelySensitive());
		functions.addAll(this.sanitizingFunctions);
		return new Sanitizer(functions);
	}

	@Override
	public int getOrder() {
		// before the application's customizers, so that they may still set any value on
		// purpose
		return Ordered.HIGHEST_PRECEDENCE;
	}

}
