package dev.heartbeat.autoconfigure;

import java.util.function.Predicate;

import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.predicate.RuntimeHintsPredicates;
import org.springframework.boot.actuate.autoconfigure.metrics.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.metrics.MetricsAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.metrics.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.data.redis.RedisAutoConfiguration;
import org.springframework.boot.autoconfigure.flyway.FlywayAutoConfiguration;
import org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration;

/**
 * The Boot types the shared tests run with, as this Boot line names them.
 */
// per Boot line: Boot 3.5 has these in spring-boot-autoconfigure and Actuator
public final class BootLine {

	private BootLine() {
	}

	/**
	 * Boot's DataSource auto-configuration.
	 * @return its class
	 */
	public static Class<?> dataSource() {
		return DataSourceAutoConfiguration.class;
	}

	/**
	 * Boot's Redis auto-configuration.
	 * @return its class
	 */
	public static Class<?> redis() {
		return RedisAutoConfiguration.class;
	}

	/**
	 * Boot's Flyway auto-configuration.
	 * @return its class
	 */
	public static Class<?> flyway() {
		return FlywayAutoConfiguration.class;
	}

	/**
	 * Boot's metrics auto-configurations, with the simple registry.
	 * @return their classes
	 */
	public static Class<?>[] metrics() {
		return new Class<?>[] { MetricsAutoConfiguration.class, SimpleMetricsExportAutoConfiguration.class,
				CompositeMeterRegistryAutoConfiguration.class };
	}

	/**
	 * Boot's health indicator type.
	 * @return its class
	 */
	public static Class<?> healthIndicator() {
		return HealthIndicator.class;
	}

	/**
	 * A health indicator of the application's own, always UNKNOWN.
	 * @return the indicator
	 */
	public static Object unknownHealthIndicator() {
		HealthIndicator indicator = () -> Health.unknown().build();
		return indicator;
	}

	/**
	 * Whether runtime hints let a method be invoked reflectively.
	 * @param type the type that declares the method
	 * @param method the method's name
	 * @return the predicate on runtime hints
	 */
	public static Predicate<RuntimeHints> invocation(Class<?> type, String method) {
		// Spring Framework 7 names this onMethodInvocation(type, method)
		return RuntimeHintsPredicates.reflection().onMethod(type, method).invoke();
	}

	/**
	 * Whether runtime hints let a field be read reflectively.
	 * @param type the name of the type that declares the field
	 * @param field the field's name
	 * @return the predicate on runtime hints
	 * @throws ClassNotFoundException if the type is not on the class path
	 */
	public static Predicate<RuntimeHints> fieldAccess(String type, String field) throws ClassNotFoundException {
		// Spring Framework 7 names this onFieldAccess(type, field)
		return RuntimeHintsPredicates.reflection().onField(type, field);
	}

	/**
	 * Boot's DataSource and Redis auto-configurations, for an application's
	 * {@code @Import}.
	 */
	@ImportAutoConfiguration({ DataSourceAutoConfiguration.class, RedisAutoConfiguration.class })
	public static class DataStores {

	}

}
