package dev.heartbeat.autoconfigure;

import java.util.Map;

import org.springframework.boot.autoconfigure.condition.ConditionMessage;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Matches when {@code heartbeat.metadata.*} has an entry: only then is there metadata for
 * the {@link SensitiveMetadataCustomizer} to mask, and without it neither the customizer
 * nor Boot's sanitizing types need to exist at start-up.
 */
class OnMetadataCondition extends SpringBootCondition {

	private static final String PREFIX = "heartbeat.metadata";

	@Override
	public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
		ConditionMessage.Builder message = ConditionMessage.forCondition("Heartbeat metadata");
		Map<String, String> entries = Binder.get(context.getEnvironment())
			.bind(PREFIX, Bindable.mapOf(String.class, String.class))
			.orElseGet(Map::of);
		boolean configured = !entries.isEmpty();
		return configured ? ConditionOutcome.match(message.found("properties").items(PREFIX + ".*"))
				: ConditionOutcome.noMatch(message.didNotFind("properties").items(PREFIX + ".*"));
	}

}
