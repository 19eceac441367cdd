package dev.heartbeat.autoconfigure;

import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;

/**
 * An invalid {@code heartbeat.*} property, with what is wrong and how to fix it, so that the
 * startup failure can say both.
 */
public class InvalidHeartbeatPropertyException extends InvalidConfigurationPropertyValueException {

	private static final long serialVersionUID = 1L;

	private final String problem;

	private final String action;

	/**
	 * Create an exception for an invalid property.
	 * @param name the property's name, such as {@code heartbeat.max-age}
	 * @param value the invalid value
	 * @param reason why the value is invalid
	 * @param action how to fix it
	 */
	public InvalidHeartbeatPropertyException(String name, Object value, String reason, String action) {
		super(name, value, reason + " " + action);
		this.problem = reason;
		this.action = action;
	}

	/**
	 * Why the value is invalid, without the fix.
	 * @return the problem
	 */
	public String getProblem() {
		return this.problem;
	}

	/**
	 * How to fix the property.
	 * @return the action
	 */
	public String getAction() {
		return this.action;
	}

}
