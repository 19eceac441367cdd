package dev.heartbeat.fleet;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

import org.springframework.core.io.ByteArrayResource;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.support.EncodedResource;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.init.ScriptUtils;

/**
 * Runs the schema script of a platform for a table name: the scripts say {@code ${table}} and
 * {@code ${index}} where the names go.
 */
final class FleetSchema {

	private FleetSchema() {
	}

	/**
	 * The location of the schema script of a platform, on the classpath.
	 * @param platform {@code postgresql}, {@code h2} or {@code mysql}
	 * @return the script's location
	 */
	static String location(String platform) {
		return "dev/heartbeat/fleet/schema-" + platform + ".sql";
	}

	static void create(JdbcTemplate jdbc, String tableName, String platform) {
		String script;
		try {
			script = new ClassPathResource(location(platform), FleetSchema.class.getClassLoader())
				.getContentAsString(StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read the fleet schema for " + platform, ex);
		}
		String simpleName = tableName.substring(tableName.lastIndexOf('.') + 1);
		byte[] resolved = script.replace("${table}", tableName)
			.replace("${index}", simpleName + "_stale")
			.getBytes(StandardCharsets.UTF_8);
		jdbc.execute((ConnectionCallback<Void>) (connection) -> {
			ScriptUtils.executeSqlScript(connection,
					new EncodedResource(new ByteArrayResource(resolved, location(platform)), StandardCharsets.UTF_8));
			return null;
		});
	}

}
