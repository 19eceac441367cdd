package dev.heartbeat.fleet;

import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.heartbeat.HeartbeatStatus;
import org.jspecify.annotations.Nullable;

/**
 * One instance of a fleet, as the store last heard of it.
 *
 * @param instanceId the instance's id, unique in its group
 * @param group the group it belongs to
 * @param application the name of its application
 * @param hostname the host it runs on
 * @param pid its process id
 * @param status the status of its last beat, or {@code null} if it did not say
 * @param seq the beat counter of its last beat
 * @param lastBeat when the store received its last beat, by the store's clock
 * @param staleAfter when its last beat turns stale, by the store's clock
 * @param metadata the metadata of its last beat
 * @param state alive, stale or stopped, judged by the store's clock when the fleet was
 * listed
 * @since 0.1.0
 */
public record FleetMember(String instanceId, String group, String application, String hostname, long pid,
		@Nullable HeartbeatStatus status, long seq, Instant lastBeat, Instant staleAfter, Map<String, Object> metadata,
		MemberState state) {

	/**
	 * Create a member, copying its metadata so that it is immutable.
	 * @param instanceId the instance's id
	 * @param group its group
	 * @param application its application's name
	 * @param hostname its host
	 * @param pid its process id
	 * @param status the status of its last beat
	 * @param seq the beat counter of its last beat
	 * @param lastBeat when the store received its last beat
	 * @param staleAfter when its last beat turns stale
	 * @param metadata the metadata of its last beat
	 * @param state its state
	 */
	public FleetMember {
		metadata = Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
	}

	/**
	 * The oldest its beats may be: the time from its last beat to when that beat turns
	 * stale.
	 * @return its maximum age
	 */
	public Duration maxAge() {
		return Duration.between(this.lastBeat, this.staleAfter);
	}

	/**
	 * Whether the member is alive.
	 * @return {@code true} if its state is {@link MemberState#ALIVE}
	 */
	public boolean isAlive() {
		return this.state == MemberState.ALIVE;
	}

}
