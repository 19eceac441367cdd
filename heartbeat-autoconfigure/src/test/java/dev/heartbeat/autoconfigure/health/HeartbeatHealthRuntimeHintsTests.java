package dev.heartbeat.autoconfigure.health;

import dev.heartbeat.TargetStatus;
import org.junit.jupiter.api.Test;

import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.predicate.RuntimeHintsPredicates;

import static org.assertj.core.api.Assertions.assertThat;

class HeartbeatHealthRuntimeHintsTests {

	@Test
	void targetStatusInTheDetailsCanBeWrittenByJackson() {
		RuntimeHints hints = new RuntimeHints();
		new HeartbeatHealthRuntimeHints().registerHints(hints, getClass().getClassLoader());
		assertThat(RuntimeHintsPredicates.reflection().onType(TargetStatus.class)).accepts(hints);
		assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(TargetStatus.class, "values")).accepts(hints);
	}

}
