package dev.heartbeat.health;

import java.util.Map;

/**
 * A health component's status code and details, read the same way on every Boot line:
 * Boot 3.5 and Boot 4 name their {@code Health}, {@code Status} and
 * {@code HealthIndicator} types in different packages but give them the same methods, so
 * the shared tests read them through those methods.
 *
 * @param status the status code ({@code UP}, {@code DOWN}, ...)
 * @param details the details
 */
public record HealthView(String status, Map<String, Object> details) {

	/**
	 * Ask a health indicator for its health, with details.
	 * @param indicator a {@code HealthIndicator} of either Boot line
	 * @return what it reported
	 */
	public static HealthView of(Object indicator) {
		return ofHealth(call(indicator, "health"));
	}

	/**
	 * Read a {@code Health} of either Boot line.
	 * @param health the health
	 * @return its status code and details
	 */
	@SuppressWarnings("unchecked")
	public static HealthView ofHealth(Object health) {
		Object status = call(health, "getStatus");
		return new HealthView((String) call(status, "getCode"), (Map<String, Object>) call(health, "getDetails"));
	}

	private static Object call(Object target, String method) {
		try {
			return target.getClass().getMethod(method).invoke(target);
		}
		catch (ReflectiveOperationException ex) {
			throw new IllegalStateException("No " + method + "() on " + target.getClass().getName(), ex);
		}
	}

}
