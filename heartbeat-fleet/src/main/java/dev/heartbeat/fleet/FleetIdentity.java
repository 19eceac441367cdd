package dev.heartbeat.fleet;

import org.springframework.util.Assert;

/**
 * Who publishes beats to a fleet store: an instance of an application, in a group of
 * instances that see each other.
 *
 * @param group the group the instance belongs to, by default its application's name
 * @param instanceId the instance's id, unique in its group
 * @param application the name of the instance's application
 * @since 0.1.0
 */
public record FleetIdentity(String group, String instanceId, String application) {

	/**
	 * The longest group, instance id or application name, in characters.
	 */
	public static final int MAX_LENGTH = 200;

	/**
	 * Create an identity.
	 * @param group the group, not empty
	 * @param instanceId the instance id, not empty
	 * @param application the application's name
	 * @throws IllegalArgumentException if a value is empty or longer than
	 * {@link #MAX_LENGTH}
	 */
	public FleetIdentity {
		Assert.hasText(group, "A fleet group must not be empty");
		Assert.hasText(instanceId, "A fleet instance id must not be empty");
		Assert.isTrue(
				group.length() <= MAX_LENGTH && instanceId.length() <= MAX_LENGTH && application.length() <= MAX_LENGTH,
				"Fleet names are at most " + MAX_LENGTH + " characters");
	}

}
