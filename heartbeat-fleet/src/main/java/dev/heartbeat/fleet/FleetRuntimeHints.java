package dev.heartbeat.fleet;

import org.jspecify.annotations.Nullable;

import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;

/**
 * {@link RuntimeHintsRegistrar} for the fleet: the {@link FleetSchema} scripts, read as
 * classpath resources when the {@link JdbcFleetStore}'s table is created, which a native
 * image leaves out unless they are named. Registered in
 * {@code META-INF/spring/aot.factories} so that it applies with or without Spring Boot's
 * auto-configuration.
 */
class FleetRuntimeHints implements RuntimeHintsRegistrar {

	@Override
	public void registerHints(RuntimeHints hints, @Nullable ClassLoader classLoader) {
		hints.resources().registerPattern(FleetSchema.location("*"));
	}

}
