package dev.heartbeat.autoconfigure.fleet;

import java.time.Duration;

import javax.sql.DataSource;

import dev.heartbeat.Heartbeat;
import dev.heartbeat.ProcessIdentity;
import dev.heartbeat.Ticker;
import dev.heartbeat.autoconfigure.HeartbeatAutoConfiguration;
import dev.heartbeat.event.FleetEventPublisher;
import dev.heartbeat.fleet.FleetIdentity;
import dev.heartbeat.fleet.FleetListener;
import dev.heartbeat.fleet.FleetPublisher;
import dev.heartbeat.fleet.FleetStore;
import dev.heartbeat.fleet.FleetWatcher;
import dev.heartbeat.fleet.HeartbeatFleet;
import dev.heartbeat.fleet.JdbcFleetStore;
import dev.heartbeat.fleet.RedisFleetStore;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.LazyInitializationExcludeFilter;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.jdbc.init.DataSourceScriptDatabaseInitializer;
import org.springframework.boot.sql.init.dependency.DatabaseInitializationDependencyConfigurer;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.util.StringUtils;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration
 * Auto-configuration} of fleet heartbeats: with {@code heartbeat.fleet.store} set, each
 * beat of the {@link Heartbeat} bean (built from the auto-configured builder) is also
 * published to a table of the application's {@code DataSource} ({@code jdbc}) or to its
 * Redis ({@code redis}), a {@link HeartbeatFleet} lists the instances of the group, and a
 * {@link FleetWatcher} publishes their changes as events.
 *
 * @since 0.1.0
 */
// both Boot lines' names, one source for both: Boot's sorter ignores a name that is not a
// candidate, and Boot 4 moved these to spring-boot-jdbc and spring-boot-data-redis
@AutoConfiguration(after = HeartbeatAutoConfiguration.class,
		afterName = { "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
				"org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration",
				"org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration",
				"org.springframework.boot.autoconfigure.data.redis.RedisAutoConfiguration" })
@ConditionalOnBean(Heartbeat.class)
@ConditionalOnProperty(name = "heartbeat.fleet.store")
@EnableConfigurationProperties(HeartbeatFleetProperties.class)
@Import(FleetHealthConfiguration.class)
public final class HeartbeatFleetAutoConfiguration {

	private static final String STORE_PROPERTY = "heartbeat.fleet.store";

	@Bean
	@ConditionalOnMissingBean
	HeartbeatFleet heartbeatFleet(HeartbeatFleetProperties properties, ObjectProvider<FleetStore> stores,
			Environment environment) {
		FleetStore store = stores.getIfUnique();
		if (store == null) {
			throw new InvalidConfigurationPropertyValueException(STORE_PROPERTY, properties.getStore(),
					missingStore(properties.getStore()));
		}
		return new HeartbeatFleet(store, identity(properties, environment));
	}

	@Bean
	@ConditionalOnMissingBean
	FleetEventPublisher heartbeatFleetEventPublisher(ApplicationEventPublisher applicationEventPublisher) {
		return new FleetEventPublisher(applicationEventPublisher);
	}

	// a listener of the heartbeat; destroyed after every lifecycle bean stopped, so after
	// the STOPPED beat
	@Bean(destroyMethod = "close")
	@ConditionalOnMissingBean
	FleetPublisher heartbeatFleetPublisher(HeartbeatFleet fleet, HeartbeatFleetProperties properties,
			ObjectProvider<FleetListener> listeners) {
		return new FleetPublisher(fleet.store(), fleet.self(), properties.getTimeout(),
				FleetListener.of(listeners.orderedStream().toList()));
	}

	@Bean(destroyMethod = "close")
	@ConditionalOnMissingBean
	FleetWatcher heartbeatFleetWatcher(HeartbeatFleet fleet, FleetPublisher publisher,
			HeartbeatFleetProperties properties, ObjectProvider<FleetListener> listeners) {
		return new FleetWatcher(fleet, properties.getCheckInterval(), properties.getRetention(),
				FleetListener.of(listeners.orderedStream().toList()), () -> publisher.status().failures(),
				Ticker.system());
	}

	@Bean
	@ConditionalOnMissingBean
	FleetLifecycle heartbeatFleetLifecycle(FleetWatcher watcher, FleetPublisher publisher) {
		return new FleetLifecycle(watcher, publisher);
	}

	@Bean
	static LazyInitializationExcludeFilter heartbeatFleetLazyInitializationExcludeFilter() {
		// the watcher must run even when nothing asks for it
		return LazyInitializationExcludeFilter.forBeanTypes(FleetLifecycle.class);
	}

	static FleetIdentity identity(HeartbeatFleetProperties properties, Environment environment) {
		String application = environment.getProperty("spring.application.name", "application");
		String group = StringUtils.hasText(properties.getGroup()) ? properties.getGroup() : application;
		String instanceId = StringUtils.hasText(properties.getInstanceId()) ? properties.getInstanceId()
				: application + ":" + ProcessIdentity.hostname() + ":" + ProcessIdentity.pid();
		return new FleetIdentity(group, instanceId, application);
	}

	private static String missingStore(@Nullable Object store) {
		if (store == FleetStoreType.JDBC) {
			return "It needs a single DataSource bean and Spring JDBC: add spring-boot-starter-jdbc and set "
					+ "spring.datasource.*, or define a FleetStore bean.";
		}
		return "It needs a RedisConnectionFactory bean and Spring Data Redis: add spring-boot-starter-data-redis and "
				+ "set spring.data.redis.*, or define a FleetStore bean.";
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass({ JdbcTemplate.class, DataSourceScriptDatabaseInitializer.class })
	@ConditionalOnProperty(name = STORE_PROPERTY, havingValue = "jdbc")
	@ConditionalOnSingleCandidate(DataSource.class)
	@EnableConfigurationProperties(HeartbeatFleetJdbcProperties.class)
	@Import(DatabaseInitializationDependencyConfigurer.class)
	static class JdbcStoreConfiguration {

		// created by Boot's database initialization, after Flyway and Liquibase, before
		// the store
		@Bean
		@ConditionalOnMissingBean
		@Conditional(OnFleetDatabaseInitializationCondition.class)
		FleetDataSourceScriptDatabaseInitializer heartbeatFleetDataSourceScriptDatabaseInitializer(
				DataSource dataSource, HeartbeatFleetJdbcProperties properties) {
			return new FleetDataSourceScriptDatabaseInitializer(dataSource, properties);
		}

		@Bean
		@ConditionalOnMissingBean(FleetStore.class)
		JdbcFleetStore heartbeatFleetStore(DataSource dataSource, HeartbeatFleetProperties properties,
				HeartbeatFleetJdbcProperties jdbcProperties) {
			JdbcTemplate jdbc = new JdbcTemplate(dataSource);
			// the statement gives up at the timeout too, so that the publisher's thread
			// is not held long
			jdbc.setQueryTimeout((int) Math.max(1, ceilSeconds(properties.getTimeout())));
			return new JdbcFleetStore(jdbc, jdbcProperties.getTableName());
		}

		private static long ceilSeconds(Duration duration) {
			return duration.plusNanos(999_999_999).getSeconds();
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(StringRedisTemplate.class)
	@ConditionalOnProperty(name = STORE_PROPERTY, havingValue = "redis")
	@ConditionalOnBean(RedisConnectionFactory.class)
	static class RedisStoreConfiguration {

		@Bean
		@ConditionalOnMissingBean(FleetStore.class)
		RedisFleetStore heartbeatFleetStore(ObjectProvider<StringRedisTemplate> templates,
				ObjectProvider<RedisConnectionFactory> connectionFactory, HeartbeatFleetProperties properties) {
			StringRedisTemplate redis = templates
				.getIfUnique(() -> new StringRedisTemplate(connectionFactory.getObject()));
			return new RedisFleetStore(redis, properties.getRedis().getKeyPrefix());
		}

	}

}
