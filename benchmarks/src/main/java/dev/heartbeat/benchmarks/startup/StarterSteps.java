package dev.heartbeat.benchmarks.startup;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.context.metrics.buffering.StartupTimeline;
import org.springframework.boot.context.metrics.buffering.StartupTimeline.TimelineEvent;
import org.springframework.core.metrics.StartupStep;

/**
 * What the start-up timeline of {@link StartupApp} says about the starter: the time spent creating
 * the heartbeat's beans, and the time of the steps the starter adds to but shares with others (the
 * configuration-class parsing, where every auto-configuration's conditions are evaluated; the
 * binding of every meter binder), which only a comparison with a run without it can apportion.
 */
final class StarterSteps {

	private static final String INSTANTIATE = "spring.beans.instantiate";

	private final Map<Long, TimelineEvent> events = new HashMap<>();

	private final ConfigurableListableBeanFactory beanFactory;

	private StarterSteps(StartupTimeline timeline, ConfigurableListableBeanFactory beanFactory) {
		timeline.getEvents().forEach((event) -> this.events.put(event.getStartupStep().getId(), event));
		this.beanFactory = beanFactory;
	}

	static StarterSteps of(StartupTimeline timeline, ConfigurableListableBeanFactory beanFactory) {
		return new StarterSteps(timeline, beanFactory);
	}

	/**
	 * The time spent creating the heartbeat's beans: the instantiation steps of its beans that are
	 * not nested in another of its beans' (their dependencies, its own or Spring's, included). With
	 * {@code -Dstartup.steps=true}, each is printed to the standard error.
	 * @return the time in milliseconds
	 */
	double heartbeatBeansMillis() {
		Duration total = Duration.ZERO;
		for (TimelineEvent event : this.events.values()) {
			StartupStep step = event.getStartupStep();
			if (INSTANTIATE.equals(step.getName()) && isHeartbeats(beanName(step))) {
				TimelineEvent creator = enclosingInstantiation(step);
				if (creator == null || !isHeartbeats(beanName(creator.getStartupStep()))) {
					total = total.plus(event.getDuration());
					if (Boolean.getBoolean("startup.steps")) {
						System.err.printf("step %s %.3f ms%n", beanName(step), event.getDuration().toNanos() / 1e6);
					}
				}
			}
		}
		return total.toNanos() / 1e6;
	}

	/**
	 * The time of the named step, summed over its occurrences.
	 * @param name the step's name
	 * @return the time in milliseconds
	 */
	double stepMillis(String name) {
		return this.events.values()
			.stream()
			.filter((event) -> name.equals(event.getStartupStep().getName()))
			.mapToLong((event) -> event.getDuration().toNanos())
			.sum() / 1e6;
	}

	/**
	 * The time of the named step of one bean, summed over its occurrences.
	 * @param name the step's name
	 * @param beanName the bean's name
	 * @return the time in milliseconds
	 */
	double stepMillis(String name, String beanName) {
		return this.events.values()
			.stream()
			.filter((event) -> name.equals(event.getStartupStep().getName())
					&& beanName.equals(beanName(event.getStartupStep())))
			.mapToLong((event) -> event.getDuration().toNanos())
			.sum() / 1e6;
	}

	private @Nullable TimelineEvent enclosingInstantiation(StartupStep step) {
		Long parentId = step.getParentId();
		while (parentId != null) {
			TimelineEvent parent = this.events.get(parentId);
			if (parent == null) {
				return null;
			}
			if (INSTANTIATE.equals(parent.getStartupStep().getName())) {
				return parent;
			}
			parentId = parent.getStartupStep().getParentId();
		}
		return null;
	}

	private static @Nullable String beanName(StartupStep step) {
		for (StartupStep.Tag tag : step.getTags()) {
			if ("beanName".equals(tag.getKey())) {
				return tag.getValue();
			}
		}
		return null;
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
