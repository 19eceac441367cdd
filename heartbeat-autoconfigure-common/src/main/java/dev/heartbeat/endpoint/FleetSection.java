package dev.heartbeat.endpoint;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import dev.heartbeat.HeartbeatStatus;
import dev.heartbeat.fleet.FleetMember;
import dev.heartbeat.fleet.FleetPublisher;
import dev.heartbeat.fleet.FleetPublisher.PublishStatus;
import dev.heartbeat.fleet.HeartbeatFleet;
import dev.heartbeat.fleet.MemberState;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.OperationResponseBody;

/**
 * The {@code fleet} section of the {@link HeartbeatEndpoint heartbeat endpoint}.
 *
 * @since 0.1.0
 */
public class FleetSection {

	private final HeartbeatFleet fleet;

	private final FleetPublisher publisher;

	/**
	 * Create the section.
	 * @param fleet the fleet to list
	 * @param publisher the publisher of this instance's beats
	 */
	public FleetSection(HeartbeatFleet fleet, FleetPublisher publisher) {
		this.fleet = fleet;
		this.publisher = publisher;
	}

	FleetDescriptor describe() {
		PublishStatus status = this.publisher.status();
		PublishDescriptor publish = new PublishDescriptor(status.published(), status.failures(), status.lastPublished(),
				status.lastFailure(), status.failingSince());
		List<MemberDescriptor> members = null;
		String problem = null;
		try {
			members = this.fleet.members().stream().map(this::describe).toList();
		}
		catch (RuntimeException ex) {
			problem = "the fleet cannot be listed: " + ex;
		}
		return new FleetDescriptor(String.valueOf(this.fleet.store()), this.fleet.group(),
				this.fleet.self().instanceId(), publish, members, problem);
	}

	private MemberDescriptor describe(FleetMember member) {
		return new MemberDescriptor(member.instanceId(), member.state(), this.fleet.isSelf(member),
				member.application(), member.hostname(), member.pid(), member.status(), member.seq(), member.lastBeat(),
				member.staleAfter(), member.metadata());
	}

	/**
	 * Description of the fleet.
	 *
	 * @param store where the fleet's beats are published
	 * @param group group of this instance
	 * @param instanceId id of this instance
	 * @param publish how this instance's writes fare
	 * @param members members of the group, or {@code null} if the store cannot be read
	 * @param problem why the store cannot be read, or {@code null} if it can
	 * @since 0.1.0
	 */
	public record FleetDescriptor(String store, String group, String instanceId, PublishDescriptor publish,
			@Nullable List<MemberDescriptor> members, @Nullable String problem) implements OperationResponseBody {

	}

	/**
	 * How this instance's writes to the store fare.
	 *
	 * @param published writes that worked
	 * @param failures writes that failed or timed out
	 * @param lastPublished when the last write that worked finished
	 * @param lastFailure why the last write failed, or {@code null} if it worked
	 * @param failingSince when writes started failing, or {@code null} if the last worked
	 * @since 0.1.0
	 */
	public record PublishDescriptor(long published, long failures, @Nullable Instant lastPublished,
			@Nullable String lastFailure, @Nullable Instant failingSince) {

	}

	/**
	 * One member of the fleet.
	 *
	 * @param instanceId its id
	 * @param state alive, stale or stopped, by the store's clock
	 * @param self whether it is this instance
	 * @param application its application's name
	 * @param hostname its host
	 * @param pid its process id
	 * @param status status of its last beat
	 * @param seq beat counter of its last beat
	 * @param lastBeat when the store received its last beat
	 * @param staleAfter when its last beat turns stale
	 * @param metadata metadata of its last beat
	 * @since 0.1.0
	 */
	public record MemberDescriptor(String instanceId, MemberState state, boolean self, String application,
			String hostname, long pid, @Nullable HeartbeatStatus status, long seq, Instant lastBeat, Instant staleAfter,
			Map<String, Object> metadata) {

		/**
		 * Its maximum age.
		 * @return the time from its last beat to when that beat turns stale
		 */
		public Duration maxAge() {
			return Duration.between(this.lastBeat, this.staleAfter);
		}

	}

}
