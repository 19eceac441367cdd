package dev.heartbeat.autoconfigure.diagnostics;

import dev.heartbeat.autoconfigure.InvalidHeartbeatPropertyException;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;

/**
 * Explains an invalid {@code heartbeat.*} property: its name, its value, what is wrong and how to
 * fix it. Runs before Boot's analyzer of invalid property values, whose action is generic.
 */
@Order(Ordered.HIGHEST_PRECEDENCE)
public class InvalidHeartbeatPropertyFailureAnalyzer extends AbstractFailureAnalyzer<InvalidHeartbeatPropertyException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, InvalidHeartbeatPropertyException cause) {
		return new FailureAnalysis("Invalid value '" + cause.getValue() + "' for configuration property '"
				+ cause.getName() + "': " + cause.getProblem(), cause.getAction(), cause);
	}

}
