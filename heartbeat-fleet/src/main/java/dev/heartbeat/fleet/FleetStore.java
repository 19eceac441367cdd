package dev.heartbeat.fleet;

import java.time.Duration;
import java.util.List;

import dev.heartbeat.HeartbeatState;

/**
 * A store that the instances of a fleet share: each publishes its beats there, and each
 * lists the others from there. Staleness is judged by the store's own clock, so that
 * instances whose clocks disagree still agree on who is alive.
 * <p>
 * Implementations are thread-safe; their methods may block on the network and throw any
 * {@link RuntimeException} when the store cannot be reached.
 *
 * @see JdbcFleetStore
 * @see RedisFleetStore
 * @since 0.1.0
 */
public interface FleetStore {

	/**
	 * Record a beat of an instance, replacing its previous one, in one write.
	 * @param identity the instance that beat
	 * @param state the beat, as written to the instance's state file
	 * @param maxAge how long after it is received the beat turns stale
	 */
	void publish(FleetIdentity identity, HeartbeatState state, Duration maxAge);

	/**
	 * The members of a group with their state, in one read.
	 * @param group the group
	 * @return its members, ordered by instance id
	 */
	List<FleetMember> members(String group);

	/**
	 * Forget the members of a group whose last beat turned stale more than
	 * {@code retention} ago.
	 * @param group the group
	 * @param retention how long stale and stopped members stay listed
	 * @return the number of members forgotten
	 */
	int removeExpired(String group, Duration retention);

}
