package dev.heartbeat.fleet;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

import org.springframework.core.io.ByteArrayResource;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.EncodedResource;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.init.ScriptUtils;

/**
 * The schema scripts of the {@link JdbcFleetStore}'s table, one per platform, on the
 * classpath at {@code dev/heartbeat/fleet/schema-<platform>.sql}. They say
 * {@code ${table}} and {@code ${index}} where the names go, which {@link #resolve} fills
 * in for a table name.
 *
 * @since 0.1.0
 */
public final class FleetSchema {

	private FleetSchema() {
	}

	/**
	 * The location of the schema script of a platform, on the classpath.
	 * @param platform {@code postgresql}, {@code h2} or {@code mysql} (also for MariaDB)
	 * @return the script's location, such as {@code dev/heartbeat/fleet/schema-h2.sql}
	 */
	public static String location(String platform) {
		return "dev/heartbeat/fleet/schema-" + platform + ".sql";
	}

	/**
	 * A schema script with its names filled in for a table.
	 * @param script the script, as read from {@link #location}
	 * @param tableName the table's name, optionally qualified by its schema
	 * @return a script that creates that table and its index unless they exist
	 * @throws IllegalArgumentException if the table name is not a plain SQL identifier
	 */
	public static String resolve(String script, String tableName) {
		if (!JdbcFleetStore.isValidTableName(tableName)) {
			throw new IllegalArgumentException("A fleet table name is a SQL identifier, not '" + tableName + "'");
		}
		String simpleName = tableName.substring(tableName.lastIndexOf('.') + 1);
		return script.replace("${table}", tableName).replace("${index}", simpleName + "_stale");
	}

	/**
	 * A schema script resource with its names filled in for a table.
	 * @param script the script
	 * @param tableName the table's name, optionally qualified by its schema
	 * @return the resolved script, described as the original
	 * @throws UncheckedIOException if the script cannot be read
	 */
	public static Resource resolve(Resource script, String tableName) {
		try {
			String resolved = resolve(script.getContentAsString(StandardCharsets.UTF_8), tableName);
			return new ByteArrayResource(resolved.getBytes(StandardCharsets.UTF_8), script.getDescription());
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read the fleet schema " + script, ex);
		}
	}

	@SuppressWarnings("NullAway") // a ConnectionCallback<Void> answers null
	static void create(JdbcTemplate jdbc, String tableName, String platform) {
		Resource script = resolve(new ClassPathResource(location(platform), FleetSchema.class.getClassLoader()),
				tableName);
		jdbc.execute((ConnectionCallback<Void>) (connection) -> {
			ScriptUtils.executeSqlScript(connection, new EncodedResource(script, StandardCharsets.UTF_8));
			return null;
		});
	}

}
