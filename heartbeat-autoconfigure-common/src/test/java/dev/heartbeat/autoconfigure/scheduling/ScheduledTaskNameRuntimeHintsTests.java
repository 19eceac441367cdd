package dev.heartbeat.autoconfigure.scheduling;

import org.junit.jupiter.api.Test;

import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.predicate.RuntimeHintsPredicates;

import static org.assertj.core.api.Assertions.assertThat;

class ScheduledTaskNameRuntimeHintsTests {

	@Test
	void theRunnableThatSpringsTaskWrapsCanBeRead() throws ClassNotFoundException {
		RuntimeHints hints = new RuntimeHints();
		new ScheduledTaskNameRuntimeHints().registerHints(hints, getClass().getClassLoader());
		assertThat(RuntimeHintsPredicates.reflection()
			.onFieldAccess(ScheduledTaskNameRuntimeHints.OUTCOME_TRACKING_RUNNABLE, "runnable")).accepts(hints);
	}

}
