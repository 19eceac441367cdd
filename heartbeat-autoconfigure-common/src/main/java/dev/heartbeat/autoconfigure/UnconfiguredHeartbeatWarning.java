package dev.heartbeat.autoconfigure;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import dev.heartbeat.Heartbeat;
import dev.heartbeat.HeartbeatListener;
import dev.heartbeat.HeartbeatMetadataContributor;
import dev.heartbeat.HeartbeatTarget;
import dev.heartbeat.tasks.TaskWatcher;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;

/**
 * Warns at startup when the application's own {@link Heartbeat} bean was built without
 * the auto-configured {@code HeartbeatBuilder}: the heartbeat cannot take listeners once
 * it is built, so the listener, target and contributor beans and the {@code heartbeat.*}
 * properties are lost on it. The warning names them, and how to attach them.
 */
final class UnconfiguredHeartbeatWarning implements SmartInitializingSingleton {

	private static final Log logger = LogFactory.getLog(UnconfiguredHeartbeatWarning.class);

	private final ConfigurableListableBeanFactory beanFactory;

	private final HeartbeatBuilderConfigurer configurer;

	UnconfiguredHeartbeatWarning(ConfigurableListableBeanFactory beanFactory, HeartbeatBuilderConfigurer configurer) {
		this.beanFactory = beanFactory;
		this.configurer = configurer;
	}

	@Override
	public void afterSingletonsInstantiated() {
		List<String> heartbeats = Arrays.stream(this.beanFactory.getBeanNamesForType(Heartbeat.class, true, false))
			.filter(this.beanFactory::containsSingleton)
			.toList();
		if (heartbeats.isEmpty() || this.configurer.hasConfigured()) {
			return;
		}
		List<String> unattached = new ArrayList<>();
		unattached.add("the heartbeat.* properties");
		addBeans(unattached, "listeners", HeartbeatListener.class);
		addBeans(unattached, "targets", HeartbeatTarget.class);
		addBeans(unattached, "metadata contributors", HeartbeatMetadataContributor.class);
		addBeans(unattached, "the watch on scheduled tasks, which no beat judges", TaskWatcher.class);
		addBeans(unattached, "builder customizers", HeartbeatBuilderCustomizer.class);
		logger.warn("Heartbeat bean " + String.join(", ", heartbeats) + " was not built from the auto-configured"
				+ " HeartbeatBuilder, so these do not apply to it: " + String.join("; ", unattached) + ". To attach"
				+ " them, build it from that builder: @Bean Heartbeat heartbeat(HeartbeatBuilder heartbeatBuilder)"
				+ " { return heartbeatBuilder.build(); }, changing what you need on the builder first.");
	}

	private void addBeans(List<String> unattached, String kind, Class<?> type) {
		String[] names = this.beanFactory.getBeanNamesForType(type, true, false);
		if (names.length > 0) {
			unattached.add(kind + " " + Arrays.toString(names));
		}
	}

}
