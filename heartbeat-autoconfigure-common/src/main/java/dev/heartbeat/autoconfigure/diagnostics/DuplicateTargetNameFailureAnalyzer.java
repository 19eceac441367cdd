package dev.heartbeat.autoconfigure.diagnostics;

import dev.heartbeat.DuplicateTargetNameException;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;

/**
 * Explains two heartbeat targets with one name, as when a customizer adds a target under
 * a name a target bean already has.
 *
 * @since 0.1.0
 */
@Order(Ordered.HIGHEST_PRECEDENCE)
public class DuplicateTargetNameFailureAnalyzer extends AbstractFailureAnalyzer<DuplicateTargetNameException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, DuplicateTargetNameException cause) {
		String description = "Two heartbeat targets are named '" + cause.getName() + "': a " + cause.getFirstType()
				+ " and a " + cause.getSecondType() + ". The state file and the health report could not tell them"
				+ " apart.";
		String action = "Give each target its own name: target beans are named after their bean names, a target added"
				+ " with HeartbeatBuilder.target(target) after its name() (override it), and one added with"
				+ " target(name, target) after that name.";
		return new FailureAnalysis(description, action, cause);
	}

}
