package dev.heartbeat.benchmarks.startup;

import java.util.List;
import java.util.function.Predicate;
import java.util.function.ToDoubleFunction;

import dev.heartbeat.benchmarks.startup.StepRecorder.Step;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;

/**
 * What the recorded start-up steps of {@link StartupApp} say about the starter: the time
 * spent creating the heartbeat's beans, and the time of the steps the starter adds to but
 * shares with others (the configuration-class parsing, where every auto-configuration's
 * conditions are evaluated; the binding of every meter binder), which only a comparison
 * with a run without it can apportion.
 */
final class StarterSteps {

	private static final String INSTANTIATE = "spring.beans.instantiate";

	private final List<Step> steps;

	private final ConfigurableListableBeanFactory beanFactory;

	private StarterSteps(List<Step> steps, ConfigurableListableBeanFactory beanFactory) {
		this.steps = steps;
		this.beanFactory = beanFactory;
	}

	static StarterSteps of(List<Step> steps, ConfigurableListableBeanFactory beanFactory) {
		return new StarterSteps(steps, beanFactory);
	}

	/**
	 * The wall time spent creating the heartbeat's beans: the instantiation steps of its
	 * beans that are not nested in one of another of its beans (their dependencies, its
	 * own or Spring's, included). With {@code -Dstartup.steps=true}, each is printed to
	 * the standard error.
	 * @return the time in milliseconds
	 */
	double heartbeatBeansMillis() {
		if (Boolean.getBoolean("startup.steps")) {
			printHeartbeatBeans();
		}
		return heartbeatBeans(Step::wallMillis);
	}

	/**
	 * The CPU time of the thread that created the heartbeat's beans, in the same steps as
	 * {@link #heartbeatBeansMillis()}.
	 * @return the time in milliseconds
	 */
	double heartbeatBeansCpuMillis() {
		return heartbeatBeans(Step::cpuMillis);
	}

	/**
	 * The time spent loading, linking, verifying and initialising classes in the same
	 * steps as {@link #heartbeatBeansMillis()} (0 unless
	 * {@code -Dstartup.classtime=true}).
	 * @return the time in milliseconds
	 */
	double heartbeatBeansClassMillis() {
		return heartbeatBeans(Step::classMillis);
	}

	/**
	 * The wall time of the named step, summed over its occurrences.
	 * @param name the step's name
	 * @return the time in milliseconds
	 */
	double stepMillis(String name) {
		return sum((step) -> name.equals(step.getName()), Step::wallMillis);
	}

	/**
	 * The wall time of the named step of one bean, summed over its occurrences.
	 * @param name the step's name
	 * @param beanName the bean's name
	 * @return the time in milliseconds
	 */
	double stepMillis(String name, String beanName) {
		return sum((step) -> name.equals(step.getName()) && beanName.equals(step.tag("beanName")), Step::wallMillis);
	}

	/**
	 * The CPU time of the named step, summed over its occurrences.
	 * @param name the step's name
	 * @return the time in milliseconds
	 */
	double stepCpuMillis(String name) {
		return sum((step) -> name.equals(step.getName()), Step::cpuMillis);
	}

	/**
	 * The CPU time of the named step of one bean, summed over its occurrences.
	 * @param name the step's name
	 * @param beanName the bean's name
	 * @return the time in milliseconds
	 */
	double stepCpuMillis(String name, String beanName) {
		return sum((step) -> name.equals(step.getName()) && beanName.equals(step.tag("beanName")), Step::cpuMillis);
	}

	private double heartbeatBeans(ToDoubleFunction<Step> time) {
		return sum(this::isOutermostHeartbeatBean, time);
	}

	// each of the heartbeat's beans and every bean created within one, indented by
	// nesting; * marks those counted
	private void printHeartbeatBeans() {
		for (Step step : this.steps) {
			int depth = 0;
			boolean withinHeartbeats = false;
			for (Step parent = step.parent(); parent != null; parent = parent.parent()) {
				if (INSTANTIATE.equals(parent.getName())) {
					depth++;
					withinHeartbeats |= isHeartbeats(parent.tag("beanName"));
				}
			}
			if (INSTANTIATE.equals(step.getName()) && (withinHeartbeats || isHeartbeats(step.tag("beanName")))) {
				System.err.printf("%s%s %s: %.3f ms, cpu %.3f ms%n", "  ".repeat(depth),
						isOutermostHeartbeatBean(step) ? "*" : "-", step.tag("beanName"), step.wallMillis(),
						step.cpuMillis());
			}
		}
	}

	private double sum(Predicate<Step> which, ToDoubleFunction<Step> time) {
		return this.steps.stream().filter(which).mapToDouble(time).sum();
	}

	private boolean isOutermostHeartbeatBean(Step step) {
		if (!INSTANTIATE.equals(step.getName()) || !isHeartbeats(step.tag("beanName"))) {
			return false;
		}
		for (Step parent = step.parent(); parent != null; parent = parent.parent()) {
			if (INSTANTIATE.equals(parent.getName()) && isHeartbeats(parent.tag("beanName"))) {
				return false;
			}
		}
		return true;
	}

	// a bean of the heartbeat's classes, or declared by one of its auto-configurations
	private boolean isHeartbeats(@Nullable String beanName) {
		if (beanName == null) {
			return false;
		}
		Class<?> type = this.beanFactory.containsBean(beanName) ? this.beanFactory.getType(beanName, false) : null;
		if (type != null && isHeartbeatClass(type.getName())) {
			return true;
		}
		if (!this.beanFactory.containsBeanDefinition(beanName)) {
			return false;
		}
		BeanDefinition definition = this.beanFactory.getBeanDefinition(beanName);
		String factoryBean = definition.getFactoryBeanName();
		return (factoryBean != null) ? isHeartbeats(factoryBean)
				: definition.getBeanClassName() != null && isHeartbeatClass(definition.getBeanClassName());
	}

	private static boolean isHeartbeatClass(String className) {
		return className.startsWith("dev.heartbeat.") && !className.startsWith("dev.heartbeat.benchmarks.");
	}

}
