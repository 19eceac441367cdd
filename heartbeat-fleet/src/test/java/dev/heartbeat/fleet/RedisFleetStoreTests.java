package dev.heartbeat.fleet;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;

import dev.heartbeat.HeartbeatState;
import dev.heartbeat.HeartbeatStatus;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

import static org.assertj.core.api.Assertions.assertThat;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RedisFleetStoreTests extends FleetStoreContract {

	private LettuceConnectionFactory connectionFactory;

	private StringRedisTemplate redis;

	private RedisFleetStore store;

	@BeforeAll
	void connect() throws IOException {
		this.connectionFactory = LocalRedis.shared().connectionFactory();
		this.redis = new StringRedisTemplate(this.connectionFactory);
		this.store = new RedisFleetStore(this.redis);
	}

	@AfterAll
	void disconnect() {
		this.connectionFactory.destroy();
	}

	@Override
	FleetStore store() {
		return this.store;
	}

	@Test
	void eachInstanceHasAnExpiringKeyHoldingItsStateJsonAndAScoreByLastBeat() {
		FleetIdentity identity = identity("a");
		HeartbeatState state = state(5, HeartbeatStatus.UP, Map.of("version", "2"));
		this.store.publish(identity, state, Duration.ofSeconds(30));
		String key = this.store.memberKey(identity.group(), "a");
		assertThat(key).isEqualTo("heartbeat:fleet:{" + identity.group() + "}:member:a");
		String json = this.redis.opsForValue().get(key);
		assertThat(json).startsWith("{\n  \"instanceId\": \"a\",\n  \"group\": ").endsWith(state.toJson().substring(1));
		assertThat(this.redis.getExpire(key)).isBetween(1L, 30L);
		Double score = this.redis.opsForZSet().score(this.store.membersKey(identity.group()), "a");
		assertThat(score).isNotNull();
		assertThat(this.store.members(identity.group()).get(0).lastBeat().toEpochMilli()).isEqualTo(score.longValue());
	}

}
