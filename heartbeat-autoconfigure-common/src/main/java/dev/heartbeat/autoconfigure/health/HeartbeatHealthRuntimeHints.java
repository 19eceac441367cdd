package dev.heartbeat.autoconfigure.health;

import dev.heartbeat.TargetStatus;
import org.jspecify.annotations.Nullable;

import org.springframework.aot.hint.BindingReflectionHintsRegistrar;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;

/**
 * {@link RuntimeHintsRegistrar} for the heartbeat's health components: the
 * {@code heartbeat} component's details hold each target's {@link TargetStatus}, which
 * Jackson writes by reflection. The heartbeat endpoint's responses need nothing here:
 * Spring Boot registers an endpoint operation's result type for binding itself.
 */
class HeartbeatHealthRuntimeHints implements RuntimeHintsRegistrar {

	@Override
	public void registerHints(RuntimeHints hints, @Nullable ClassLoader classLoader) {
		new BindingReflectionHintsRegistrar().registerReflectionHints(hints.reflection(), TargetStatus.class);
	}

}
