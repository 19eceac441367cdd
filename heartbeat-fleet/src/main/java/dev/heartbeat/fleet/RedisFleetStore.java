package dev.heartbeat.fleet;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.heartbeat.HeartbeatState;
import dev.heartbeat.HeartbeatStatus;
import org.jspecify.annotations.Nullable;

import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.DefaultRedisScript;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.util.Assert;

/**
 * A {@link FleetStore} in Redis. Each instance has a key holding its last beat's state
 * JSON (the state file's text, with the instance's {@code instanceId}, {@code group},
 * {@code application} and {@code maxAgeMillis} added) that expires after the beat's
 * maximum age: expiry is the death signal, judged by Redis's clock. A sorted set of each
 * group's instances, scored by the time of their last beat, lists them without
 * {@code KEYS}, and a hash keeps what a listing shows of each (application, hostname,
 * pid, status, seq, maximum age, metadata, as compact JSON), so that a dead instance is
 * still described until it is removed.
 * <p>
 * A listing judges each member by Redis's clock as the expiry of its key does: alive
 * until its last beat plus its maximum age. Each operation is one Lua script, so one
 * round trip; all of a group's keys share the hash tag {@code {group}}, so that they live
 * in one slot of a Redis cluster.
 *
 * @since 0.1.0
 */
public class RedisFleetStore implements FleetStore {

	/**
	 * The prefix of the keys used when none is given.
	 */
	public static final String DEFAULT_KEY_PREFIX = "heartbeat:fleet:";

	// KEYS: members, states, member; ARGV: instance id, state JSON, time to live (ms),
	// member JSON
	private static final RedisScript<String> PUBLISH = RedisScript.of("""
			local time = redis.call('TIME')
			local now = time[1] * 1000 + math.floor(time[2] / 1000)
			redis.call('SET', KEYS[3], ARGV[2], 'PX', ARGV[3])
			redis.call('HSET', KEYS[2], ARGV[1], ARGV[4])
			redis.call('ZADD', KEYS[1], now, ARGV[1])
			return tostring(now)
			""", String.class);

	// KEYS: members, states. Gives Redis's time, the members with their last beat, and
	// their states: no
	// loop in Lua, so that listing a large group holds Redis's single thread for little
	// time
	@SuppressWarnings("rawtypes")
	private static final RedisScript<List> MEMBERS = new DefaultRedisScript<>("""
			local time = redis.call('TIME')
			return { tostring(time[1] * 1000 + math.floor(time[2] / 1000)),
					redis.call('ZRANGE', KEYS[1], 0, -1, 'WITHSCORES'), redis.call('HGETALL', KEYS[2]) }
			""", List.class);

	// KEYS: members, states; ARGV: prefix of member keys, retention (ms). Never removes a
	// live member
	private static final RedisScript<Long> REMOVE_EXPIRED = RedisScript.of("""
			local time = redis.call('TIME')
			local now = time[1] * 1000 + math.floor(time[2] / 1000)
			local expired = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', now - tonumber(ARGV[2]))
			local removed = 0
			for _, id in ipairs(expired) do
				if redis.call('EXISTS', ARGV[1] .. id) == 0 then
					redis.call('ZREM', KEYS[1], id)
					redis.call('HDEL', KEYS[2], id)
					removed = removed + 1
				end
			end
			return removed
			""", Long.class);

	private final StringRedisTemplate redis;

	private final String keyPrefix;

	/**
	 * Create a store whose keys start with {@link #DEFAULT_KEY_PREFIX}.
	 * @param redis the template to reach Redis with
	 */
	public RedisFleetStore(StringRedisTemplate redis) {
		this(redis, DEFAULT_KEY_PREFIX);
	}

	/**
	 * Create a store whose keys start with the given prefix.
	 * @param redis the template to reach Redis with
	 * @param keyPrefix the prefix of every key, such as {@code heartbeat:fleet:}
	 */
	public RedisFleetStore(StringRedisTemplate redis, String keyPrefix) {
		Assert.hasText(keyPrefix, "A fleet key prefix must not be empty");
		this.redis = redis;
		this.keyPrefix = keyPrefix;
	}

	/**
	 * The key of the sorted set of a group's members, scored by their last beat in
	 * milliseconds since the epoch (Redis's time).
	 * @param group the group
	 * @return the key
	 */
	public String membersKey(String group) {
		return groupPrefix(group) + "members";
	}

	/**
	 * The key holding an instance's last beat until it turns stale.
	 * @param group the instance's group
	 * @param instanceId the instance's id
	 * @return the key
	 */
	public String memberKey(String group, String instanceId) {
		return memberKeyPrefix(group) + instanceId;
	}

	@Override
	public void publish(FleetIdentity identity, HeartbeatState state, Duration maxAge) {
		String group = identity.group();
		this.redis.execute(PUBLISH,
				List.of(membersKey(group), statesKey(group), memberKey(group, identity.instanceId())),
				identity.instanceId(), json(identity, state, maxAge), String.valueOf(Math.max(1, maxAge.toMillis())),
				memberJson(identity, state, maxAge));
	}

	@Override
	public List<FleetMember> members(String group) {
		List<?> listed = this.redis.execute(MEMBERS, List.of(membersKey(group), statesKey(group)));
		List<FleetMember> members = new ArrayList<>();
		if (listed == null || listed.size() < 3) {
			return members;
		}
		long now = Long.parseLong(String.valueOf(listed.get(0)));
		List<?> scored = (List<?>) listed.get(1);
		List<?> stateList = (List<?>) listed.get(2);
		Map<String, String> states = new HashMap<>();
		for (int i = 0; i + 1 < stateList.size(); i += 2) {
			states.put(String.valueOf(stateList.get(i)), String.valueOf(stateList.get(i + 1)));
		}
		for (int i = 0; i + 1 < scored.size(); i += 2) {
			String instanceId = String.valueOf(scored.get(i));
			long lastBeat = (long) Double.parseDouble(String.valueOf(scored.get(i + 1)));
			members.add(member(group, instanceId, lastBeat, now, states.getOrDefault(instanceId, "")));
		}
		members.sort((left, right) -> left.instanceId().compareTo(right.instanceId()));
		return members;
	}

	@Override
	public int removeExpired(String group, Duration retention) {
		Long removed = this.redis.execute(REMOVE_EXPIRED, List.of(membersKey(group), statesKey(group)),
				memberKeyPrefix(group), String.valueOf(retention.toMillis()));
		return (removed != null) ? removed.intValue() : 0;
	}

	private static FleetMember member(String group, String instanceId, long lastBeatMillis, long now, String json) {
		Map<String, Object> fields = json.isEmpty() ? Map.of() : FleetJson.readObject(json);
		Instant lastBeat = Instant.ofEpochMilli(lastBeatMillis);
		HeartbeatStatus status = FleetJson.status(string(fields.get("status")));
		// the member's key expires at this very time of Redis's clock: the listing judges
		// as the expiry does
		boolean alive = lastBeatMillis + maxAge(fields).toMillis() >= now;
		MemberState state = (status == HeartbeatStatus.STOPPED) ? MemberState.STOPPED
				: alive ? MemberState.ALIVE : MemberState.STALE;
		Object metadata = fields.get("metadata");
		@SuppressWarnings("unchecked")
		Map<String, Object> values = (metadata instanceof Map<?, ?> map) ? (Map<String, Object>) map : Map.of();
		return new FleetMember(instanceId, group, String.valueOf(fields.getOrDefault("application", "")),
				String.valueOf(fields.getOrDefault("hostname", "")), number(fields.get("pid")), status,
				number(fields.get("seq")), lastBeat, lastBeat.plus(maxAge(fields)), values, state);
	}

	private static Duration maxAge(Map<String, Object> fields) {
		return Duration.ofMillis(number(fields.get("maxAgeMillis")));
	}

	private static @Nullable String string(@Nullable Object value) {
		return (value != null) ? value.toString() : null;
	}

	private static long number(@Nullable Object value) {
		return (value instanceof Number number) ? number.longValue() : 0;
	}

	private static String json(FleetIdentity identity, HeartbeatState state, Duration maxAge) {
		// the state file's text with the instance's identity first: any reader of state
		// files reads it
		return "{\n  \"instanceId\": " + FleetJson.quote(identity.instanceId()) + ",\n  \"group\": "
				+ FleetJson.quote(identity.group()) + ",\n  \"application\": " + FleetJson.quote(identity.application())
				+ ",\n  \"maxAgeMillis\": " + maxAge.toMillis() + "," + state.toJson().substring(1);
	}

	// what a listing needs, small so that listing a large fleet parses little
	private static String memberJson(FleetIdentity identity, HeartbeatState state, Duration maxAge) {
		Map<String, Object> member = new LinkedHashMap<>();
		member.put("application", identity.application());
		member.put("hostname", state.hostname());
		member.put("pid", state.pid());
		member.put("status", (state.status() != null) ? state.status().name() : null);
		member.put("seq", state.seq());
		member.put("maxAgeMillis", maxAge.toMillis());
		member.put("metadata", state.metadata());
		return FleetJson.write(member);
	}

	private String statesKey(String group) {
		return groupPrefix(group) + "states";
	}

	private String memberKeyPrefix(String group) {
		return groupPrefix(group) + "member:";
	}

	private String groupPrefix(String group) {
		return this.keyPrefix + "{" + group + "}:";
	}

	@Override
	public String toString() {
		return "Redis keys " + this.keyPrefix + "*";
	}

}
