package dev.heartbeat.fleet;

import java.util.List;
import java.util.Optional;

/**
 * The fleet this instance belongs to: every instance of its group that publishes to the
 * same store, with its state, as the store sees it now. <pre class="code">
 * List&lt;FleetMember&gt; alive = fleet.members().stream().filter(FleetMember::isAlive).toList();
 * </pre>
 *
 * @since 0.1.0
 */
public class HeartbeatFleet {

	private final FleetStore store;

	private final FleetIdentity self;

	/**
	 * Create the view of a fleet for one of its instances.
	 * @param store the store the fleet shares
	 * @param self this instance
	 */
	public HeartbeatFleet(FleetStore store, FleetIdentity self) {
		this.store = store;
		this.self = self;
	}

	/**
	 * This instance.
	 * @return its identity
	 */
	public FleetIdentity self() {
		return this.self;
	}

	/**
	 * The group of this instance.
	 * @return the group's name
	 */
	public String group() {
		return this.self.group();
	}

	/**
	 * The store the fleet shares.
	 * @return the store
	 */
	public FleetStore store() {
		return this.store;
	}

	/**
	 * Every member of the group, this instance included, with its state, read from the
	 * store in one query or command.
	 * @return the members, ordered by instance id
	 * @throws RuntimeException if the store cannot be read
	 */
	public List<FleetMember> members() {
		return this.store.members(this.self.group());
	}

	/**
	 * The other members of the group.
	 * @return the members but this instance, ordered by instance id
	 * @throws RuntimeException if the store cannot be read
	 */
	public List<FleetMember> peers() {
		return members().stream().filter((member) -> !isSelf(member)).toList();
	}

	/**
	 * One member of the group.
	 * @param instanceId the member's instance id
	 * @return the member, or empty if the store does not know it
	 * @throws RuntimeException if the store cannot be read
	 */
	public Optional<FleetMember> member(String instanceId) {
		return members().stream().filter((member) -> member.instanceId().equals(instanceId)).findFirst();
	}

	/**
	 * Whether a member is this instance.
	 * @param member the member
	 * @return {@code true} if it has this instance's id
	 */
	public boolean isSelf(FleetMember member) {
		return member.instanceId().equals(this.self.instanceId());
	}

}
