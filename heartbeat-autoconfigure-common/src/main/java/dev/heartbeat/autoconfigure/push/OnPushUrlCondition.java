package dev.heartbeat.autoconfigure.push;

import org.springframework.boot.autoconfigure.condition.ConditionMessage;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.util.StringUtils;

/**
 * Matches when {@code heartbeat.push.url} has a value. Unlike
 * {@code @ConditionalOnProperty}, which matches an empty value, it lets {@code url:
 * ${PUSH_URL:}} keep push off.
 */
class OnPushUrlCondition extends SpringBootCondition {

	private static final String PROPERTY = "heartbeat.push.url";

	@Override
	public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
		ConditionMessage.Builder message = ConditionMessage.forCondition("Heartbeat push URL");
		if (StringUtils.hasText(context.getEnvironment().getProperty(PROPERTY))) {
			return ConditionOutcome.match(message.found("property").items(PROPERTY));
		}
		return ConditionOutcome.noMatch(message.didNotFind("property with a value").items(PROPERTY));
	}

}
