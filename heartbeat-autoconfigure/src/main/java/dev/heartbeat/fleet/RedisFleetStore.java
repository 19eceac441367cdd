package dev.heartbeat.fleet;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
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
 * A {@link FleetStore} in Redis. Each instance has a key holding its last beat's state JSON (the
 * state file's text, with the instance's {@code instanceId}, {@code group}, {@code application}
 * and {@code maxAgeMillis} added) that expires after the beat's maximum age: expiry is the death
 * signal, judged by Redis's clock. A sorted set of each group's instances, scored by the time of
 * their last beat, lists them without {@code KEYS}, and a hash keeps the last state of each so
 * that a dead instance is still described until it is removed.
 * <p>
 * Each operation is one Lua script, so one round trip; all of a group's keys share the hash tag
 * {@code {group}}, so that they live in one slot of a Redis cluster.
 */
public class RedisFleetStore implements FleetStore {

	/**
	 * The prefix of the keys used when none is given.
	 */
	public static final String DEFAULT_KEY_PREFIX = "heartbeat:fleet:";

	// KEYS: members, states, member; ARGV: instance id, state JSON, time to live (ms)
	private static final RedisScript<String> PUBLISH = RedisScript.of("""
			local time = redis.call('TIME')
			local now = time[1] * 1000 + math.floor(time[2] / 1000)
			redis.call('SET', KEYS[3], ARGV[2], 'PX', ARGV[3])
			redis.call('HSET', KEYS[2], ARGV[1], ARGV[2])
			redis.call('ZADD', KEYS[1], now, ARGV[1])
			return tostring(now)
			""", String.class);

	// KEYS: members, states; ARGV: prefix of member keys. Gives now, then id, last beat, alive, JSON for each
	@SuppressWarnings("rawtypes")
	private static final RedisScript<List> MEMBERS = new DefaultRedisScript<>("""
			local time = redis.call('TIME')
			local listed = { tostring(time[1] * 1000 + math.floor(time[2] / 1000)) }
			local members = redis.call('ZRANGE', KEYS[1], 0, -1, 'WITHSCORES')
			for i = 1, #members, 2 do
				local id = members[i]
				local state = redis.call('GET', ARGV[1] .. id)
				local alive = '1'
				if not state then
					alive = '0'
					state = redis.call('HGET', KEYS[2], id) or ''
				end
				listed[#listed + 1] = id
				listed[#listed + 1] = members[i + 1]
				listed[#listed + 1] = alive
				listed[#listed + 1] = state
			end
			return listed
			""", List.class);

	// KEYS: members, states; ARGV: prefix of member keys, retention (ms). Never removes a live member
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
	 * The key of the sorted set of a group's members, scored by their last beat in milliseconds
	 * since the epoch (Redis's time).
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
		this.redis.execute(PUBLISH, List.of(membersKey(group), statesKey(group), memberKey(group, identity.instanceId())),
				identity.instanceId(), json(identity, state, maxAge), String.valueOf(Math.max(1, maxAge.toMillis())));
	}

	@Override
	public List<FleetMember> members(String group) {
		List<?> listed = this.redis.execute(MEMBERS, List.of(membersKey(group), statesKey(group)),
				memberKeyPrefix(group));
		List<FleetMember> members = new ArrayList<>();
		if (listed == null || listed.isEmpty()) {
			return members;
		}
		for (int i = 1; i + 3 < listed.size(); i += 4) {
			members.add(member(group, String.valueOf(listed.get(i)), Long.parseLong(String.valueOf(listed.get(i + 1))),
					"1".equals(listed.get(i + 2)), String.valueOf(listed.get(i + 3))));
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

	private static FleetMember member(String group, String instanceId, long lastBeatMillis, boolean alive, String json) {
		Map<String, Object> fields = json.isEmpty() ? Map.of() : FleetJson.readObject(json);
		Instant lastBeat = Instant.ofEpochMilli(lastBeatMillis);
		HeartbeatStatus status = FleetJson.status(string(fields.get("status")));
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
		// the state file's text with the instance's identity first: any reader of state files reads it
		return "{\n  \"instanceId\": " + FleetJson.quote(identity.instanceId()) + ",\n  \"group\": "
				+ FleetJson.quote(identity.group()) + ",\n  \"application\": " + FleetJson.quote(identity.application())
				+ ",\n  \"maxAgeMillis\": " + maxAge.toMillis() + "," + state.toJson().substring(1);
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
