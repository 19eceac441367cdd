package dev.heartbeat.autoconfigure;

import dev.heartbeat.HeartbeatBuilder;

/**
 * Customizes the {@link HeartbeatBuilder} of the auto-configured heartbeat, after the
 * properties are applied: implement it as a bean to add listeners, targets or policies
 * from code.
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface HeartbeatBuilderCustomizer {

	/**
	 * Customize the builder.
	 * @param builder the builder of the auto-configured heartbeat
	 */
	void customize(HeartbeatBuilder builder);

}
