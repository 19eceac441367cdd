package dev.heartbeat.context;

import dev.heartbeat.HeartbeatTarget;
import org.junit.jupiter.api.Test;

import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.boot.availability.ApplicationAvailabilityBean;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.LivenessState;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

class LivenessEscalationTests {

	private final HeartbeatTarget target = () -> true;

	@Test
	void escalationBreaksLivenessAndClearingMakesItCorrect() {
		try (AnnotationConfigApplicationContext context = contextWithAvailability()) {
			ApplicationAvailability availability = context.getBean(ApplicationAvailability.class);
			LivenessEscalation escalation = new LivenessEscalation(context, availability);
			escalation.onEscalated("feed", this.target);
			assertThat(availability.getLivenessState()).isEqualTo(LivenessState.BROKEN);
			escalation.onEscalationCleared();
			assertThat(availability.getLivenessState()).isEqualTo(LivenessState.CORRECT);
		}
	}

	@Test
	void livenessBrokenBySomeoneElseStaysBroken() {
		try (AnnotationConfigApplicationContext context = contextWithAvailability()) {
			ApplicationAvailability availability = context.getBean(ApplicationAvailability.class);
			LivenessEscalation escalation = new LivenessEscalation(context, availability);
			escalation.onEscalated("feed", this.target);
			AvailabilityChangeEvent.publish(context, "the application itself", LivenessState.BROKEN);
			escalation.onEscalationCleared();
			assertThat(availability.getLivenessState()).isEqualTo(LivenessState.BROKEN);
		}
	}

	@Test
	void clearingWithoutEscalationLeavesLivenessAlone() {
		try (AnnotationConfigApplicationContext context = contextWithAvailability()) {
			ApplicationAvailability availability = context.getBean(ApplicationAvailability.class);
			AvailabilityChangeEvent.publish(context, "the application itself", LivenessState.BROKEN);
			new LivenessEscalation(context, availability).onEscalationCleared();
			assertThat(availability.getLivenessState()).isEqualTo(LivenessState.BROKEN);
		}
	}

	private static AnnotationConfigApplicationContext contextWithAvailability() {
		AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext();
		context.registerBean(ApplicationAvailabilityBean.class);
		context.refresh();
		return context;
	}

}
