package dev.heartbeat.autoconfigure.fleet;

import org.springframework.boot.autoconfigure.sql.init.OnDatabaseInitializationCondition;

/**
 * Whether Boot's database initialization creates the fleet's table, as
 * {@code heartbeat.fleet.jdbc.initialize-schema} says.
 */
// per Boot line: Boot 3.5 has OnDatabaseInitializationCondition in
// spring-boot-autoconfigure
class OnFleetDatabaseInitializationCondition extends OnDatabaseInitializationCondition {

	OnFleetDatabaseInitializationCondition() {
		super("Heartbeat fleet ", "heartbeat.fleet.jdbc.initialize-schema");
	}

}
