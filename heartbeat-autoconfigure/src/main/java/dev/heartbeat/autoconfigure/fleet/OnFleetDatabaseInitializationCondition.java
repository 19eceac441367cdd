package dev.heartbeat.autoconfigure.fleet;

import org.springframework.boot.sql.autoconfigure.init.OnDatabaseInitializationCondition;

/**
 * Whether Boot's database initialization creates the fleet's table, as
 * {@code heartbeat.fleet.jdbc.initialize-schema} says.
 */
// per Boot line: Boot 4 moved OnDatabaseInitializationCondition to spring-boot-sql
class OnFleetDatabaseInitializationCondition extends OnDatabaseInitializationCondition {

	OnFleetDatabaseInitializationCondition() {
		super("Heartbeat fleet ", "heartbeat.fleet.jdbc.initialize-schema");
	}

}
