package dev.heartbeat.autoconfigure.fleet;

import dev.heartbeat.fleet.JdbcFleetStore;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.sql.init.DatabaseInitializationMode;
import org.springframework.validation.Errors;
import org.springframework.validation.Validator;

/**
 * Configuration properties of the JDBC store of fleet heartbeats, which validate
 * themselves. Apart from {@link HeartbeatFleetProperties} because their types come with
 * Spring Boot's JDBC support, which an application whose fleet is in Redis need not have.
 *
 * @since 0.1.0
 */
@ConfigurationProperties("heartbeat.fleet.jdbc")
public class HeartbeatFleetJdbcProperties implements Validator {

	/**
	 * Name of the table of the fleet, optionally qualified by its schema.
	 */
	private String tableName = JdbcFleetStore.DEFAULT_TABLE_NAME;

	/**
	 * When to create the table if it does not exist: in an embedded database only (such
	 * as H2), always, or never (create it yourself, from the script shipped for your
	 * database).
	 */
	private DatabaseInitializationMode initializeSchema = DatabaseInitializationMode.EMBEDDED;

	public String getTableName() {
		return this.tableName;
	}

	public void setTableName(String tableName) {
		this.tableName = tableName;
	}

	public DatabaseInitializationMode getInitializeSchema() {
		return this.initializeSchema;
	}

	public void setInitializeSchema(DatabaseInitializationMode initializeSchema) {
		this.initializeSchema = initializeSchema;
	}

	@Override
	public boolean supports(Class<?> type) {
		return HeartbeatFleetJdbcProperties.class.isAssignableFrom(type);
	}

	@Override
	public void validate(Object target, Errors errors) {
		if (!JdbcFleetStore.isValidTableName(((HeartbeatFleetJdbcProperties) target).tableName)) {
			errors.rejectValue("tableName", "sqlIdentifier",
					"It must be a SQL identifier of letters, digits and"
							+ " underscores, optionally qualified by a schema, such as heartbeat_fleet or"
							+ " ops.heartbeat_fleet.");
		}
	}

}
