package dev.heartbeat.fleet;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import dev.heartbeat.HeartbeatState;
import dev.heartbeat.HeartbeatStatus;
import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.util.Assert;

/**
 * A {@link FleetStore} in a table of any SQL database reached through a
 * {@link DataSource}: one row per instance, upserted on each beat with a single
 * statement. The database's clock stamps each beat and judges staleness, so that
 * instances whose clocks disagree agree on who is alive.
 * <p>
 * PostgreSQL, H2 and MariaDB are supported, and MySQL with MariaDB's SQL, not tested on
 * MySQL itself (the upsert has no portable form); the table is created by the
 * {@link FleetSchema} scripts, run by the application's database initialization or
 * migrations, or by {@link #createTable()}.
 *
 * @since 0.1.0
 */
public class JdbcFleetStore implements FleetStore {

	/**
	 * The table used when none is given.
	 */
	public static final String DEFAULT_TABLE_NAME = "heartbeat_fleet";

	private static final Pattern TABLE_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)?");

	private static final String COLUMNS = "instance_id, application, hostname, pid, status, seq, last_beat, stale_after, metadata";

	private final JdbcTemplate jdbc;

	private final String tableName;

	private volatile @Nullable Dialect dialect;

	/**
	 * Create a store in the given table.
	 * @param dataSource where the table is
	 * @param tableName the table's name, optionally qualified by its schema
	 * @throws IllegalArgumentException if the table name is not a plain SQL identifier
	 */
	public JdbcFleetStore(DataSource dataSource, String tableName) {
		this(new JdbcTemplate(dataSource), tableName);
	}

	/**
	 * Create a store in the given table, reached with the given template (whose query
	 * timeout, if set, bounds each statement).
	 * @param jdbc the template
	 * @param tableName the table's name, optionally qualified by its schema
	 * @throws IllegalArgumentException if the table name is not a plain SQL identifier
	 */
	public JdbcFleetStore(JdbcTemplate jdbc, String tableName) {
		Assert.isTrue(isValidTableName(tableName), () -> "A fleet table name is a SQL identifier such as "
				+ DEFAULT_TABLE_NAME + " or my_schema." + DEFAULT_TABLE_NAME + ", not '" + tableName + "'");
		this.jdbc = jdbc;
		this.tableName = tableName;
	}

	/**
	 * Whether a name can be used as the table's.
	 * @param tableName the name
	 * @return {@code true} for a SQL identifier, optionally qualified by a schema
	 */
	public static boolean isValidTableName(String tableName) {
		return TABLE_NAME.matcher(tableName).matches();
	}

	/**
	 * The table the store writes.
	 * @return the table's name
	 */
	public String tableName() {
		return this.tableName;
	}

	/**
	 * The database's platform, as the schema scripts are named: {@code postgresql},
	 * {@code h2} or {@code mysql} (also for MariaDB).
	 * @return the platform
	 * @throws IllegalStateException if the database is not supported
	 */
	public String platform() {
		return dialect().platform;
	}

	/**
	 * Create the table and its index unless they exist, with the script for the
	 * database's platform.
	 */
	public void createTable() {
		FleetSchema.create(this.jdbc, this.tableName, platform());
	}

	@Override
	public void publish(FleetIdentity identity, HeartbeatState state, Duration maxAge) {
		Dialect dialect = dialect();
		HeartbeatStatus status = state.status();
		this.jdbc.update(dialect.upsert(this.tableName), identity.group(), identity.instanceId(),
				identity.application(), state.hostname(), state.pid(), (status != null) ? status.name() : null,
				state.seq(), dialect.millis(maxAge.toMillis()), FleetJson.write(state.metadata()));
	}

	@Override
	public List<FleetMember> members(String group) {
		Dialect dialect = dialect();
		String sql = "SELECT " + COLUMNS + ", " + dialect.now() + " AS checked_at FROM " + this.tableName
				+ " WHERE group_name = ? ORDER BY instance_id";
		return this.jdbc.query(sql, (rows) -> {
			List<FleetMember> members = new ArrayList<>();
			while (rows.next()) {
				members.add(member(group, rows, dialect));
			}
			return members;
		}, group);
	}

	@Override
	public int removeExpired(String group, Duration retention) {
		Dialect dialect = dialect();
		return this.jdbc.update("DELETE FROM " + this.tableName + " WHERE group_name = ? AND stale_after < "
				+ dialect.plus(dialect.now()), group, dialect.millis(-retention.toMillis()));
	}

	private static FleetMember member(String group, ResultSet row, Dialect dialect) throws SQLException {
		Instant lastBeat = dialect.instant(row, "last_beat");
		Instant staleAfter = dialect.instant(row, "stale_after");
		Instant checkedAt = dialect.instant(row, "checked_at");
		HeartbeatStatus status = FleetJson.status(row.getString("status"));
		MemberState state = (status == HeartbeatStatus.STOPPED) ? MemberState.STOPPED
				: staleAfter.isBefore(checkedAt) ? MemberState.STALE : MemberState.ALIVE;
		String metadata = row.getString("metadata");
		Map<String, Object> values = (metadata != null && !metadata.isBlank()) ? FleetJson.readObject(metadata)
				: Map.of();
		return new FleetMember(row.getString("instance_id"), group, row.getString("application"),
				row.getString("hostname"), row.getLong("pid"), status, row.getLong("seq"), lastBeat, staleAfter, values,
				state);
	}

	private Dialect dialect() {
		Dialect known = this.dialect;
		if (known == null) {
			String product = this.jdbc.execute(
					(ConnectionCallback<String>) (connection) -> connection.getMetaData().getDatabaseProductName());
			known = Dialect.of(String.valueOf(product));
			this.dialect = known;
		}
		return known;
	}

	@Override
	public String toString() {
		return "JDBC table " + this.tableName;
	}

	/**
	 * What differs between databases: the upsert, the database's time, and adding
	 * milliseconds to it.
	 */
	private enum Dialect {

		POSTGRESQL("postgresql", "CURRENT_TIMESTAMP") {

			@Override
			String plus(String timestamp) {
				return timestamp + " + CAST(? AS INTERVAL)";
			}

			@Override
			Object millis(long millis) {
				return millis + " milliseconds";
			}

			@Override
			String upsert(String table) {
				return insert(table) + " ON CONFLICT (group_name, instance_id) DO UPDATE SET " + updates("EXCLUDED.%s");
			}

		},

		H2("h2", "CURRENT_TIMESTAMP") {

			@Override
			String plus(String timestamp) {
				return "DATEADD(MILLISECOND, ?, " + timestamp + ")";
			}

			@Override
			String upsert(String table) {
				return "MERGE INTO " + table + " (group_name, " + COLUMNS + ") KEY (group_name, instance_id) "
						+ valuesClause();
			}

		},

		// UTC in DATETIME columns: TIMESTAMP and CURRENT_TIMESTAMP follow the session's
		// time zone, which drivers may read as the JVM's, and whose clocks go back yearly
		MYSQL("mysql", "UTC_TIMESTAMP(3)") {

			@Override
			String plus(String timestamp) {
				return "TIMESTAMPADD(MICROSECOND, ? * 1000, " + timestamp + ")";
			}

			@Override
			Instant instant(ResultSet row, String column) throws SQLException {
				return row.getObject(column, LocalDateTime.class).toInstant(ZoneOffset.UTC);
			}

			@Override
			String upsert(String table) {
				// VALUES(column) rather than an alias: MariaDB has no row alias
				return insert(table) + " ON DUPLICATE KEY UPDATE " + updates("VALUES(%s)");
			}

		};

		private final String platform;

		private final String now;

		Dialect(String platform, String now) {
			this.platform = platform;
			this.now = now;
		}

		/**
		 * One statement that inserts or replaces the row of an instance, with the
		 * parameters group, instance id, application, hostname, pid, status, seq, max age
		 * ({@link #millis}) and metadata.
		 */
		abstract String upsert(String table);

		/**
		 * SQL that adds the milliseconds of one parameter ({@link #millis}) to a
		 * timestamp.
		 */
		abstract String plus(String timestamp);

		Object millis(long millis) {
			return millis;
		}

		/**
		 * The instant of a time that the store wrote, or of {@link #now}.
		 */
		Instant instant(ResultSet row, String column) throws SQLException {
			return row.getTimestamp(column).toInstant();
		}

		String now() {
			return this.now;
		}

		String insert(String table) {
			return "INSERT INTO " + table + " (group_name, " + COLUMNS + ") " + valuesClause();
		}

		String valuesClause() {
			return "VALUES (?, ?, ?, ?, ?, ?, ?, " + this.now + ", " + plus(this.now) + ", ?)";
		}

		private static String updates(String newValue) {
			StringBuilder updates = new StringBuilder();
			for (String column : COLUMNS.split(", ")) {
				if (!column.equals("instance_id")) {
					updates.append((updates.length() > 0) ? ", " : "")
						.append(column)
						.append(" = ")
						.append(String.format(newValue, column));
				}
			}
			return updates.toString();
		}

		static Dialect of(String product) {
			String name = product.toLowerCase(Locale.ROOT);
			if (name.contains("postgres")) {
				return POSTGRESQL;
			}
			if (name.equals("h2")) {
				return H2;
			}
			if (name.contains("mysql") || name.contains("mariadb")) {
				return MYSQL;
			}
			throw new IllegalStateException("The fleet's JDBC store supports PostgreSQL, MySQL, MariaDB and H2, not "
					+ product + ": implement FleetStore for it, or use Redis");
		}

	}

}
