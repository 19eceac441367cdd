package dev.heartbeat.autoconfigure.health;

import dev.heartbeat.TargetStatus;
import dev.heartbeat.autoconfigure.BootLine;
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
		assertThat(BootLine.invocation(TargetStatus.class, "values")).accepts(hints);
	}

}
