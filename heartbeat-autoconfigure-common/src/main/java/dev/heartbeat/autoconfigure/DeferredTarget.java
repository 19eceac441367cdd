package dev.heartbeat.autoconfigure;

import java.util.function.Supplier;

import dev.heartbeat.HeartbeatTarget;
import org.jspecify.annotations.Nullable;

/**
 * Stands for a lazy-init or prototype target bean until the heartbeat first checks it:
 * the bean is created then, on the heartbeat's thread once the context has started, and
 * that one instance is kept. A creation that fails makes the check fail, so the target
 * counts as dead with the failure as its reason, and the next check tries again.
 */
final class DeferredTarget implements HeartbeatTarget {

	private final String beanName;

	private final Supplier<HeartbeatTarget> bean;

	private volatile @Nullable HeartbeatTarget target;

	DeferredTarget(String beanName, Supplier<HeartbeatTarget> bean) {
		this.beanName = beanName;
		this.bean = bean;
	}

	@Override
	public boolean isDead() {
		return target().isDead();
	}

	@Override
	public void recover() {
		target().recover();
	}

	@Override
	public @Nullable String reason() {
		HeartbeatTarget created = this.target;
		return (created != null) ? created.reason() : null;
	}

	@Override
	public String name() {
		return this.beanName;
	}

	/**
	 * Whether the bean was created yet.
	 * @return {@code true} after its first successful creation
	 */
	boolean isCreated() {
		return this.target != null;
	}

	private HeartbeatTarget target() {
		HeartbeatTarget created = this.target;
		if (created == null) {
			synchronized (this) {
				created = this.target;
				if (created == null) {
					// a prototype yields a new instance on every call: one is made, and
					// kept
					created = this.bean.get();
					this.target = created;
				}
			}
		}
		return created;
	}

	@Override
	public String toString() {
		return "bean '" + this.beanName + "', created on its first check";
	}

}
