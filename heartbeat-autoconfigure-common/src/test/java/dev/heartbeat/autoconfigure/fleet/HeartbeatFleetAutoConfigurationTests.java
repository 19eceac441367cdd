package dev.heartbeat.autoconfigure.fleet;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import dev.heartbeat.Heartbeat;
import dev.heartbeat.HeartbeatState;
import dev.heartbeat.ProcessIdentity;
import dev.heartbeat.autoconfigure.BootLine;
import dev.heartbeat.autoconfigure.HeartbeatAutoConfiguration;
import dev.heartbeat.autoconfigure.OwnHeartbeatConfiguration;
import dev.heartbeat.autoconfigure.StartupFailureAnalysis;
import dev.heartbeat.event.FleetEventPublisher;
import dev.heartbeat.fleet.FleetIdentity;
import dev.heartbeat.fleet.FleetMember;
import dev.heartbeat.fleet.FleetPublisher;
import dev.heartbeat.fleet.FleetStore;
import dev.heartbeat.fleet.FleetWatcher;
import dev.heartbeat.fleet.HeartbeatFleet;
import dev.heartbeat.fleet.JdbcFleetStore;
import dev.heartbeat.fleet.MemberState;
import dev.heartbeat.fleet.RedisFleetStore;
import dev.heartbeat.health.HealthView;
import dev.heartbeat.health.HeartbeatFleetHealthIndicator;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class HeartbeatFleetAutoConfigurationTests {

	private static final Duration GENEROUS = Duration.ofSeconds(30);

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(BootLine.dataSource(), BootLine.redis(),
				HeartbeatAutoConfiguration.class, HeartbeatFleetAutoConfiguration.class))
		.withPropertyValues("heartbeat.state-file=", "heartbeat.interval=1s", "spring.application.name=orders",
				"spring.datasource.url=jdbc:h2:mem:" + UUID.randomUUID());

	@Test
	void withoutAStoreThereIsNoFleet() {
		this.contextRunner.run((context) -> assertThat(context).hasNotFailed()
			.doesNotHaveBean(HeartbeatFleet.class)
			.doesNotHaveBean(FleetPublisher.class)
			.doesNotHaveBean(FleetStore.class)
			.doesNotHaveBean(HeartbeatFleetProperties.class));
	}

	@Test
	void whenTheHeartbeatIsDisabledThereIsNoFleet() {
		this.contextRunner.withPropertyValues("heartbeat.enabled=false", "heartbeat.fleet.store=jdbc")
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(HeartbeatFleet.class));
	}

	@Test
	void jdbcPublishesToATableCreatedInTheEmbeddedDatabase() {
		this.contextRunner.withPropertyValues("heartbeat.fleet.store=jdbc").run((context) -> {
			assertThat(context).hasNotFailed()
				.hasSingleBean(JdbcFleetStore.class)
				.hasSingleBean(FleetPublisher.class)
				.hasSingleBean(FleetWatcher.class)
				.hasSingleBean(FleetEventPublisher.class)
				.doesNotHaveBean(HeartbeatFleetHealthIndicator.class);
			HeartbeatFleet fleet = context.getBean(HeartbeatFleet.class);
			assertThat(fleet.self()).isEqualTo(new FleetIdentity("orders",
					"orders:" + ProcessIdentity.hostname() + ":" + ProcessIdentity.pid(), "orders"));
			assertThat(context.getBean(JdbcFleetStore.class).tableName()).isEqualTo("heartbeat_fleet");
			await().atMost(GENEROUS).until(() -> fleet.members().size() == 1);
			FleetMember self = fleet.members().get(0);
			assertThat(self.state()).isEqualTo(MemberState.ALIVE);
			assertThat(self.pid()).isEqualTo(ProcessHandle.current().pid());
			assertThat(context.getBean(FleetWatcher.class).isRunning()).isTrue();
		});
	}

	@Test
	void aHeartbeatOfTheApplicationBuiltFromTheBuilderIsPublished() {
		this.contextRunner.withPropertyValues("heartbeat.fleet.store=jdbc")
			.withUserConfiguration(OwnHeartbeatConfiguration.class)
			.run((context) -> {
				assertThat(context).hasNotFailed().hasBean("ownHeartbeat");
				HeartbeatFleet fleet = context.getBean(HeartbeatFleet.class);
				await().atMost(GENEROUS).until(() -> fleet.members().size() == 1);
			});
	}

	@Test
	void withoutAHeartbeatThereIsNoFleet() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(BootLine.dataSource(), HeartbeatFleetAutoConfiguration.class))
			.withPropertyValues("heartbeat.fleet.store=jdbc", "spring.datasource.url=jdbc:h2:mem:" + UUID.randomUUID())
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(HeartbeatFleet.class));
	}

	@Test
	void propertiesSetTheIdentityTableAndTimes() {
		this.contextRunner
			.withPropertyValues("heartbeat.fleet.store=jdbc", "heartbeat.fleet.instance-id=orders-7",
					"heartbeat.fleet.group=shop", "heartbeat.fleet.jdbc.table-name=fleet_members",
					"heartbeat.fleet.check-interval=2s", "heartbeat.fleet.retention=10m", "heartbeat.fleet.timeout=3s")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context.getBean(HeartbeatFleet.class).self())
					.isEqualTo(new FleetIdentity("shop", "orders-7", "orders"));
				assertThat(context.getBean(JdbcFleetStore.class).tableName()).isEqualTo("fleet_members");
				assertThat(context.getBean(FleetWatcher.class).checkInterval()).isEqualTo(Duration.ofSeconds(2));
				assertThat(context.getBean(FleetWatcher.class).retention()).isEqualTo(Duration.ofMinutes(10));
				assertThat(context.getBean(FleetPublisher.class).timeout()).isEqualTo(Duration.ofSeconds(3));
				await().atMost(GENEROUS)
					.until(() -> context.getBean(HeartbeatFleet.class).member("orders-7").isPresent());
			});
	}

	@Test
	void withInitializeSchemaNeverTheTableIsNotCreated() {
		this.contextRunner
			.withPropertyValues("heartbeat.fleet.store=jdbc", "heartbeat.fleet.jdbc.initialize-schema=never")
			.run((context) -> {
				assertThat(context).hasNotFailed().doesNotHaveBean(FleetDataSourceScriptDatabaseInitializer.class);
				List<String> tables = new JdbcTemplate(context.getBean(DataSource.class)).queryForList(
						"SELECT table_name FROM information_schema.tables WHERE lower(table_name) = 'heartbeat_fleet'",
						String.class);
				assertThat(tables).isEmpty();
				// the local heartbeat goes on; the writes fail and say so
				await().atMost(GENEROUS).until(() -> context.getBean(FleetPublisher.class).status().isFailing());
				assertThat(context.getBean(Heartbeat.class).lastFailure()).isEmpty();
			});
	}

	@Test
	void theTableIsCreatedAfterFlywaysMigrationsAndBeforeTheBeansThatNeedTheDatabase() {
		this.contextRunner.withConfiguration(AutoConfigurations.of(BootLine.flyway()))
			.withPropertyValues("heartbeat.fleet.store=jdbc", "heartbeat.fleet.jdbc.table-name=ops.heartbeat_fleet",
					"spring.flyway.locations=classpath:dev/heartbeat/autoconfigure/fleet/migration")
			.withUserConfiguration(FleetTableReaderConfiguration.class)
			.run((context) -> {
				// the migration made the schema that the table is in, and the reader read
				// the table when created
				assertThat(context).hasNotFailed().hasSingleBean(FleetTableReader.class);
				ConfigurableListableBeanFactory beanFactory = context.getBeanFactory();
				assertThat(beanFactory.getBeanDefinition("heartbeatFleetDataSourceScriptDatabaseInitializer")
					.getDependsOn()).contains("flywayInitializer");
				assertThat(beanFactory.getBeanDefinition("heartbeatFleetStore").getDependsOn())
					.contains("heartbeatFleetDataSourceScriptDatabaseInitializer");
				HeartbeatFleet fleet = context.getBean(HeartbeatFleet.class);
				await().atMost(GENEROUS).until(() -> fleet.members().size() == 1);
			});
	}

	@Test
	void jdbcWithoutADataSourceFailsNamingTheProperty() {
		new ApplicationContextRunner()
			.withConfiguration(
					AutoConfigurations.of(HeartbeatAutoConfiguration.class, HeartbeatFleetAutoConfiguration.class))
			.withPropertyValues("heartbeat.state-file=", "heartbeat.fleet.store=jdbc")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.isInstanceOf(InvalidConfigurationPropertyValueException.class)
				.hasMessageContaining("heartbeat.fleet.store")
				.hasMessageContaining("DataSource"));
	}

	@Test
	void redisWithoutSpringDataRedisFailsNamingTheProperty() {
		this.contextRunner.withClassLoader(new FilteredClassLoader("org.springframework.data.redis"))
			.withPropertyValues("heartbeat.fleet.store=redis")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.isInstanceOf(InvalidConfigurationPropertyValueException.class)
				.hasMessageContaining("heartbeat.fleet.store")
				.hasMessageContaining("spring-boot-starter-data-redis"));
	}

	@Test
	void redisUsesTheApplicationsRedis() {
		this.contextRunner.withPropertyValues("heartbeat.fleet.store=redis", "heartbeat.fleet.redis.key-prefix=ops:")
			.run((context) -> {
				assertThat(context).hasNotFailed()
					.hasSingleBean(RedisFleetStore.class)
					.doesNotHaveBean(JdbcFleetStore.class);
				assertThat(context.getBean(RedisFleetStore.class).membersKey("orders"))
					.isEqualTo("ops:{orders}:members");
			});
	}

	@Test
	void aFleetStoreBeanOfTheApplicationIsUsed() {
		FleetStore own = new FleetStore() {

			@Override
			public void publish(FleetIdentity identity, HeartbeatState state, Duration maxAge) {
			}

			@Override
			public List<FleetMember> members(String group) {
				return List.of();
			}

			@Override
			public int removeExpired(String group, Duration retention) {
				return 0;
			}

		};
		this.contextRunner.withPropertyValues("heartbeat.fleet.store=jdbc")
			.withBean(FleetStore.class, () -> own)
			.run((context) -> {
				assertThat(context).hasNotFailed().doesNotHaveBean(JdbcFleetStore.class);
				assertThat(context.getBean(HeartbeatFleet.class).store()).isSameAs(own);
			});
	}

	@Test
	void theHealthIndicatorIsOffByDefaultAndOnWhenAsked() {
		this.contextRunner
			.withPropertyValues("heartbeat.fleet.store=jdbc", "management.health.heartbeat-fleet.enabled=true")
			.run((context) -> {
				assertThat(context).hasNotFailed().hasBean("heartbeatFleetHealthIndicator");
				HeartbeatFleetHealthIndicator health = context.getBean(HeartbeatFleetHealthIndicator.class);
				await().atMost(GENEROUS).until(() -> HealthView.of(health).status().equals("UP"));
				assertThat(HealthView.of(health).details()).containsEntry("group", "orders")
					.containsKeys("store", "instanceId", "members", "published", "lastPublished");
			});
	}

	@Test
	void invalidPropertiesFailNamingTheProperty() {
		assertInvalid("heartbeat.fleet.checkInterval", "heartbeat.fleet.check-interval=0s");
		assertInvalid("heartbeat.fleet.retention", "heartbeat.fleet.retention=-1s");
		assertInvalid("heartbeat.fleet.timeout", "heartbeat.fleet.timeout=0ms");
		assertInvalid("heartbeat.fleet.instanceId", "heartbeat.fleet.instance-id=   ");
		assertInvalid("heartbeat.fleet.group", "heartbeat.fleet.group=" + "g".repeat(201));
		assertInvalid("heartbeat.fleet.jdbc.tableName", "heartbeat.fleet.jdbc.table-name=fleet; drop table x");
		assertInvalid("heartbeat.fleet.redis.keyPrefix", "heartbeat.fleet.redis.key-prefix=");
	}

	private void assertInvalid(String property, String value) {
		this.contextRunner.withPropertyValues("heartbeat.fleet.store=jdbc", value).run((context) -> {
			assertThat(context).hasFailed();
			assertThat(StartupFailureAnalysis.of(context.getStartupFailure()).getDescription())
				.contains("Property: " + property + "\n")
				.contains("Reason: It must");
		});
	}

	@Configuration(proxyBeanMethods = false)
	static class FleetTableReaderConfiguration {

		@Bean
		@DependsOnDatabaseInitialization
		FleetTableReader fleetTableReader(DataSource dataSource) {
			JdbcTemplate jdbc = new JdbcTemplate(dataSource);
			return new FleetTableReader(jdbc.queryForObject("SELECT COUNT(*) FROM ops.heartbeat_fleet", Integer.class));
		}

	}

	record FleetTableReader(int rows) {
	}

}
