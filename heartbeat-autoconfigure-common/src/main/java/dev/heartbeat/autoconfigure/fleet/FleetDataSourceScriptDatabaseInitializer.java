package dev.heartbeat.autoconfigure.fleet;

import java.util.List;
import java.util.stream.StreamSupport;

import javax.sql.DataSource;

import dev.heartbeat.fleet.FleetSchema;

import org.springframework.boot.jdbc.DatabaseDriver;
import org.springframework.boot.jdbc.init.DataSourceScriptDatabaseInitializer;
import org.springframework.boot.jdbc.init.PlatformPlaceholderDatabaseDriverResolver;
import org.springframework.boot.sql.init.DatabaseInitializationMode;
import org.springframework.boot.sql.init.DatabaseInitializationSettings;
import org.springframework.core.io.Resource;

/**
 * {@link DataSourceScriptDatabaseInitializer} that creates the table of fleet heartbeats
 * with the {@link FleetSchema} script of the database's platform. As one of Boot's
 * database initializers, it runs after Flyway's and Liquibase's migrations and before the
 * beans that depend on database initialization, the fleet's store among them. May be
 * registered as a bean to override the auto-configured one.
 *
 * @since 0.1.0
 */
public class FleetDataSourceScriptDatabaseInitializer extends DataSourceScriptDatabaseInitializer {

	private static final String SCHEMA_LOCATION = "classpath:" + FleetSchema.location("@@platform@@");

	private static final String OPTIONAL = "optional:";

	private final String tableName;

	/**
	 * Create an initializer of the fleet's table.
	 * @param dataSource the data source of the table
	 * @param properties the properties of the JDBC store: the table's name, and when to
	 * create it
	 */
	public FleetDataSourceScriptDatabaseInitializer(DataSource dataSource, HeartbeatFleetJdbcProperties properties) {
		super(dataSource, settings(dataSource, properties.getInitializeSchema()));
		this.tableName = properties.getTableName();
	}

	private static DatabaseInitializationSettings settings(DataSource dataSource, DatabaseInitializationMode mode) {
		DatabaseInitializationSettings settings = new DatabaseInitializationSettings();
		settings.setSchemaLocations(List.of(schemaLocation(dataSource, mode)));
		settings.setMode(mode);
		// the scripts create nothing that exists: a failure is one to report
		settings.setContinueOnError(false);
		return settings;
	}

	private static String schemaLocation(DataSource dataSource, DatabaseInitializationMode mode) {
		if (mode == DatabaseInitializationMode.NEVER) {
			// nothing runs: no connection to find the platform
			return OPTIONAL + SCHEMA_LOCATION;
		}
		String location = new PlatformPlaceholderDatabaseDriverResolver()
			.withDriverPlatform(DatabaseDriver.MARIADB, "mysql")
			.resolveAll(dataSource, SCHEMA_LOCATION)
			.get(0);
		// a platform without a script (HSQLDB, Derby) fails only when the table is to be
		// created always
		return (mode == DatabaseInitializationMode.ALWAYS) ? location : OPTIONAL + location;
	}

	@Override
	protected void runScripts(Scripts scripts) {
		List<Resource> resolved = StreamSupport.stream(scripts.spliterator(), false)
			.map((script) -> FleetSchema.resolve(script, this.tableName))
			.toList();
		super.runScripts(new Scripts(resolved).continueOnError(scripts.isContinueOnError())
			.separator(scripts.getSeparator())
			.encoding(scripts.getEncoding()));
	}

}
