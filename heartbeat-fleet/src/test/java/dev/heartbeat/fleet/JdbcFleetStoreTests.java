package dev.heartbeat.fleet;

import java.io.IOException;

import javax.sql.DataSource;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;
import org.springframework.jdbc.datasource.embedded.EmbeddedDatabase;
import org.springframework.jdbc.datasource.embedded.EmbeddedDatabaseBuilder;
import org.springframework.jdbc.datasource.embedded.EmbeddedDatabaseType;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class JdbcFleetStoreTests {

	@Test
	void tableNamesAreSqlIdentifiers() {
		assertThat(JdbcFleetStore.isValidTableName("heartbeat_fleet")).isTrue();
		assertThat(JdbcFleetStore.isValidTableName("ops.heartbeat_fleet")).isTrue();
		assertThat(JdbcFleetStore.isValidTableName("fleet; drop table users")).isFalse();
		assertThat(JdbcFleetStore.isValidTableName("a.b.c")).isFalse();
		assertThat(JdbcFleetStore.isValidTableName("")).isFalse();
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new JdbcFleetStore(new SimpleDriverDataSource(), "\"quoted\""))
			.withMessageContaining("\"quoted\"");
	}

	@Nested
	@TestInstance(TestInstance.Lifecycle.PER_CLASS)
	class H2 extends FleetStoreContract {

		private EmbeddedDatabase database;

		private JdbcFleetStore store;

		@BeforeAll
		void createTable() {
			this.database = new EmbeddedDatabaseBuilder().setType(EmbeddedDatabaseType.H2)
				.generateUniqueName(true)
				.build();
			this.store = new JdbcFleetStore(this.database, "heartbeat_fleet");
			assertThat(this.store.platform()).isEqualTo("h2");
			this.store.createTable();
			// idempotent: a second instance starting creates nothing
			this.store.createTable();
		}

		@AfterAll
		void shutdown() {
			this.database.shutdown();
		}

		@Override
		FleetStore store() {
			return this.store;
		}

	}

	@Nested
	@TestInstance(TestInstance.Lifecycle.PER_CLASS)
	class PostgreSql extends FleetStoreContract {

		private JdbcFleetStore store;

		@BeforeAll
		void createTable() throws IOException {
			DataSource dataSource = LocalPostgres.shared().dataSource();
			new JdbcTemplate(dataSource).execute("CREATE SCHEMA IF NOT EXISTS ops");
			this.store = new JdbcFleetStore(dataSource, "ops.heartbeat_fleet");
			assertThat(this.store.platform()).isEqualTo("postgresql");
			this.store.createTable();
			this.store.createTable();
		}

		@Override
		FleetStore store() {
			return this.store;
		}

	}

	@Nested
	@TestInstance(TestInstance.Lifecycle.PER_CLASS)
	class MariaDb extends FleetStoreContract {

		private JdbcFleetStore store;

		@BeforeAll
		void createTable() throws IOException {
			DataSource dataSource = LocalMariaDb.shared().dataSource();
			// a schema of MariaDB is a database
			new JdbcTemplate(dataSource).execute("CREATE DATABASE IF NOT EXISTS ops");
			this.store = new JdbcFleetStore(dataSource, "ops.heartbeat_fleet");
			assertThat(this.store.platform()).isEqualTo("mysql");
			this.store.createTable();
			this.store.createTable();
		}

		@Override
		FleetStore store() {
			return this.store;
		}

	}

}
