package dev.heartbeat.autoconfigure.scheduling;

import dev.heartbeat.autoconfigure.BootLine;
import org.junit.jupiter.api.Test;

import org.springframework.aot.hint.RuntimeHints;

import static org.assertj.core.api.Assertions.assertThat;

class ScheduledTaskNameRuntimeHintsTests {

	@Test
	void theRunnableThatSpringsTaskWrapsCanBeRead() throws ClassNotFoundException {
		RuntimeHints hints = new RuntimeHints();
		new ScheduledTaskNameRuntimeHints().registerHints(hints, getClass().getClassLoader());
		assertThat(BootLine.fieldAccess(ScheduledTaskNameRuntimeHints.OUTCOME_TRACKING_RUNNABLE, "runnable"))
			.accepts(hints);
	}

}
