package dev.heartbeat.benchmarks.startup;

import java.lang.reflect.Method;
import java.util.List;

/**
 * The JVM's own timers of class loading, read live from its performance counters
 * ({@code sun.cls.time}: loading, linking, verifying and initialising classes, on every
 * thread, outermost events only; {@code sun.cls.classVerifyTime.self}: verifying alone).
 * Read only with {@code -Dstartup.classtime=true} and
 * {@code --add-exports java.management/sun.management=ALL-UNNAMED --add-exports
 * java.management/sun.management.counter=ALL-UNNAMED}; otherwise every reading is 0.
 */
final class ClassTime {

	private static final Object[] COUNTERS = counters();

	private static Method getValue;

	private ClassTime() {
	}

	/**
	 * The time spent loading, linking, verifying and initialising classes so far.
	 * @return nanoseconds (ticks of the JVM's high-resolution clock)
	 */
	static long loading() {
		return read(0);
	}

	/**
	 * The time spent verifying classes so far.
	 * @return nanoseconds
	 */
	static long verifying() {
		return read(1);
	}

	private static long read(int index) {
		Object counter = COUNTERS[index];
		if (counter == null) {
			return 0;
		}
		try {
			return (Long) getValue.invoke(counter);
		}
		catch (ReflectiveOperationException ex) {
			return 0;
		}
	}

	private static Object[] counters() {
		Object[] found = new Object[2];
		if (!Boolean.getBoolean("startup.classtime")) {
			return found;
		}
		try {
			Object bean = Class.forName("sun.management.ManagementFactoryHelper")
				.getMethod("getHotspotClassLoadingMBean")
				.invoke(null);
			List<?> counters = (List<?>) Class.forName("sun.management.HotspotClassLoadingMBean")
				.getMethod("getInternalClassLoadingCounters")
				.invoke(bean);
			Class<?> type = Class.forName("sun.management.counter.Counter");
			Method name = type.getMethod("getName");
			getValue = type.getMethod("getValue");
			for (Object counter : counters) {
				String counterName = (String) name.invoke(counter);
				if ("sun.cls.time".equals(counterName)) {
					found[0] = counter;
				}
				else if ("sun.cls.classVerifyTime.self".equals(counterName)) {
					found[1] = counter;
				}
			}
		}
		catch (ReflectiveOperationException | RuntimeException ex) {
			throw new IllegalStateException("the JVM's class-loading counters cannot be read", ex);
		}
		return found;
	}

}
