package dev.heartbeat.autoconfigure;

import dev.heartbeat.Heartbeat;
import dev.heartbeat.HeartbeatBuilder;
import dev.heartbeat.HeartbeatTarget;

import org.springframework.aop.scope.ScopedProxyUtils;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;

/**
 * The {@link HeartbeatTarget} beans of a context, found by bean name so that finding them
 * creates none. A target that the context creates as it starts (a singleton that is not
 * lazy) is watched as it is; a lazy-init or prototype target is watched through a
 * {@link DeferredTarget}, which creates it when the heartbeat first checks it and keeps
 * that one instance.
 */
final class TargetBeans {

	private final ConfigurableListableBeanFactory beanFactory;

	TargetBeans(ConfigurableListableBeanFactory beanFactory) {
		this.beanFactory = beanFactory;
	}

	void addTo(HeartbeatBuilder builder) {
		// no eager init: type matching must not create lazy, prototype or
		// FactoryBean-made targets
		for (String name : this.beanFactory.getBeanNamesForType(HeartbeatTarget.class, true, false)) {
			if (ScopedProxyUtils.isScopedTarget(name)) {
				// the scoped proxy, a singleton bean of its own, is the target that is
				// watched
				continue;
			}
			// bean names, not class names, tell two targets of one class apart
			builder.target(name, isCreatedWithTheContext(name) ? this.beanFactory.getBean(name, HeartbeatTarget.class)
					: new DeferredTarget(name, () -> this.beanFactory.getBean(name, HeartbeatTarget.class)));
		}
	}

	private boolean isCreatedWithTheContext(String name) {
		if (this.beanFactory.containsSingleton(name) || !this.beanFactory.containsBeanDefinition(name)) {
			// created already, or registered as an instance
			return true;
		}
		BeanDefinition definition = this.beanFactory.getMergedBeanDefinition(name);
		return definition.isSingleton() && !definition.isLazyInit();
	}

}
