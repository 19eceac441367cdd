package dev.heartbeat.autoconfigure.fleet;

/**
 * When the fleet's table is created, following Spring Boot's {@code initialize-schema}
 * convention (Boot's own enumeration lives in a module that users of Redis need not have).
 */
public enum SchemaInitialization {

	/**
	 * Create the table in an embedded database only, such as H2 in memory.
	 */
	EMBEDDED,

	/**
	 * Create the table unless it exists, in any database.
	 */
	ALWAYS,

	/**
	 * Never create the table: it is created with the script shipped for the database, or by a
	 * migration tool.
	 */
	NEVER

}
