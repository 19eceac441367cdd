package dev.heartbeat.autoconfigure.diagnostics;

import java.time.Duration;
import java.util.Arrays;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;

/**
 * Explains a {@code heartbeat.*} property whose value cannot be converted (a duration such as
 * {@code often}, an unknown {@code on-stop}), with the values that would work. Other binding
 * failures are left to Boot's analyzer.
 */
@Order(Ordered.HIGHEST_PRECEDENCE)
public class HeartbeatBindFailureAnalyzer extends AbstractFailureAnalyzer<BindException> {

	@Override
	protected @Nullable FailureAnalysis analyze(Throwable rootFailure, BindException cause) {
		String name = cause.getName().toString();
		Class<?> type = cause.getTarget().getType().resolve();
		if (!name.startsWith("heartbeat.") || type == null) {
			return null;
		}
		String examples = examples(type);
		if (examples == null) {
			return null;
		}
		ConfigurationProperty property = cause.getProperty();
		String value = (property != null) ? String.valueOf(property.getValue()) : "(none)";
		String origin = (property != null && property.getOrigin() != null) ? " (from " + property.getOrigin() + ")"
				: "";
		return new FailureAnalysis("Invalid value '" + value + "' for configuration property '" + name + "'" + origin
				+ ": it is not " + article(type) + ".", "Set " + name + " to " + examples + ".", cause);
	}

	private static @Nullable String examples(Class<?> type) {
		if (type == Duration.class) {
			return "a duration such as 10s, 500ms or 2m (units ns, us, ms, s, m, h, d), or ISO-8601 such as PT10S";
		}
		if (type.isEnum()) {
			return "one of " + Arrays.stream(type.getEnumConstants())
				.map((constant) -> ((Enum<?>) constant).name().toLowerCase().replace('_', '-'))
				.collect(Collectors.joining(", "));
		}
		if (type == boolean.class || type == Boolean.class) {
			return "true or false";
		}
		if (type == int.class || type == Integer.class) {
			return "a whole number such as 10";
		}
		if (type == double.class || type == Double.class) {
			return "a number such as 2 or 1.5";
		}
		return null;
	}

	private static String article(Class<?> type) {
		if (type == Duration.class) {
			return "a duration";
		}
		return type.isEnum() ? "a known value" : "a " + type.getSimpleName().toLowerCase();
	}

}
