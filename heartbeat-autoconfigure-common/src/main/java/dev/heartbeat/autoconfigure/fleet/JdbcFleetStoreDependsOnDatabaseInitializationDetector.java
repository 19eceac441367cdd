package dev.heartbeat.autoconfigure.fleet;

import java.util.Set;

import dev.heartbeat.fleet.JdbcFleetStore;

import org.springframework.boot.sql.init.dependency.AbstractBeansOfTypeDependsOnDatabaseInitializationDetector;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitializationDetector;

/**
 * {@link DependsOnDatabaseInitializationDetector} for {@link JdbcFleetStore} beans, the
 * auto-configured one or the application's: their table must exist before they are
 * created.
 */
class JdbcFleetStoreDependsOnDatabaseInitializationDetector
		extends AbstractBeansOfTypeDependsOnDatabaseInitializationDetector {

	@Override
	protected Set<Class<?>> getDependsOnDatabaseInitializationBeanTypes() {
		return Set.of(JdbcFleetStore.class);
	}

}
