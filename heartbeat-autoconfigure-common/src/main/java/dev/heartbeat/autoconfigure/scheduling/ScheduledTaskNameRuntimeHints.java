package dev.heartbeat.autoconfigure.scheduling;

import org.jspecify.annotations.Nullable;

import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;
import org.springframework.aot.hint.TypeReference;

/**
 * {@link RuntimeHintsRegistrar} for the names of scheduled tasks: a {@code @Scheduled}
 * method is named {@code <beanName>.<methodName>} by reading the runnable that Spring's
 * {@code Task} wraps, a private field that a native image leaves out unless it is named
 * (without it, tasks are named by their class and method instead).
 */
class ScheduledTaskNameRuntimeHints implements RuntimeHintsRegistrar {

	static final String OUTCOME_TRACKING_RUNNABLE = "org.springframework.scheduling.config.Task$OutcomeTrackingRunnable";

	@Override
	public void registerHints(RuntimeHints hints, @Nullable ClassLoader classLoader) {
		hints.reflection()
			.registerType(TypeReference.of(OUTCOME_TRACKING_RUNNABLE), (type) -> type.withField("runnable"));
	}

}
