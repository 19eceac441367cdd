package dev.heartbeat.autoconfigure;

import java.nio.file.Path;
import java.util.List;

import dev.heartbeat.DeadlockTarget;
import dev.heartbeat.Heartbeat;
import dev.heartbeat.HeartbeatBuilder;
import dev.heartbeat.HeartbeatListener;
import dev.heartbeat.HeartbeatMetadataContributor;
import dev.heartbeat.HeartbeatStatus;
import dev.heartbeat.HeartbeatTarget;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;

/**
 * Applies to a {@link HeartbeatBuilder} what the auto-configured heartbeat is built with:
 * the {@code heartbeat.*} properties (and, when {@code heartbeat.state-file} is not set,
 * a {@link HeartbeatBuilder#fallbackStateFile fallback} for the default file that carries
 * the pid), the {@link DeadlockTarget} unless {@code heartbeat.deadlock.enabled=false},
 * the {@link HeartbeatTarget} beans under their bean names, the {@link HeartbeatListener}
 * and {@link HeartbeatMetadataContributor} beans, and last the
 * {@link HeartbeatBuilderCustomizer} beans. The auto-configured {@code HeartbeatBuilder}
 * bean is configured by it, so that a {@link Heartbeat} bean of the application's own
 * built from that builder gets all of them.
 *
 * @since 0.1.0
 */
public final class HeartbeatBuilderConfigurer {

	private final HeartbeatProperties properties;

	private final HeartbeatRecoveryProperties recovery;

	private final @Nullable Path stateFile;

	private final List<Path> fallbackStateFiles;

	private final TargetBeans targets;

	private final ObjectProvider<HeartbeatListener> listeners;

	private final ObjectProvider<HeartbeatMetadataContributor> contributors;

	private final ObjectProvider<HeartbeatBuilderCustomizer> customizers;

	private volatile boolean used;

	HeartbeatBuilderConfigurer(HeartbeatProperties properties, HeartbeatRecoveryProperties recovery,
			@Nullable Path stateFile, List<Path> fallbackStateFiles, TargetBeans targets,
			ObjectProvider<HeartbeatListener> listeners, ObjectProvider<HeartbeatMetadataContributor> contributors,
			ObjectProvider<HeartbeatBuilderCustomizer> customizers) {
		this.properties = properties;
		this.recovery = recovery;
		this.stateFile = stateFile;
		this.fallbackStateFiles = fallbackStateFiles;
		this.targets = targets;
		this.listeners = listeners;
		this.contributors = contributors;
		this.customizers = customizers;
	}

	/**
	 * Configure a builder as the auto-configured heartbeat's is.
	 * @param builder the builder, usually a new one from {@link Heartbeat#builder()}
	 * @return the builder
	 */
	public HeartbeatBuilder configure(HeartbeatBuilder builder) {
		this.used = true;
		builder.stateFile(this.stateFile)
			.fallbackStateFiles(this.fallbackStateFiles)
			.interval(this.properties.getInterval())
			.metadata(this.properties.getMetadata())
			.initialStatus(HeartbeatStatus.STARTING)
			.stopAction(this.properties.getOnStop())
			.fsync(this.properties.isFsync())
			.filePermissions(this.properties.filePermissionSet())
			.recoveryPolicy(this.recovery.toPolicy())
			.crashLoopThreshold(this.properties.getPreviousRun().getCrashLoopThreshold());
		boolean deadlocks = this.properties.getDeadlock().isEnabled();
		this.recovery.getTargets()
			.forEach((name, target) -> builder.recoveryPolicy(name,
					this.recovery.toPolicy(target, deadlocks && DeadlockTarget.NAME.equals(name))));
		if (this.properties.getMaxAge() != null) {
			builder.maxAge(this.properties.getMaxAge());
		}
		if (this.properties.getTargetTimeout() != null) {
			builder.targetTimeout(this.properties.getTargetTimeout());
		}
		if (this.properties.getMetadataTimeout() != null) {
			builder.metadataTimeout(this.properties.getMetadataTimeout());
		}
		this.targets.addTo(builder);
		if (deadlocks) {
			// after the application's own, which come first in reports
			builder.detectDeadlocks();
		}
		this.listeners.orderedStream().forEach(builder::listener);
		this.contributors.orderedStream().forEach(builder::metadataContributor);
		this.customizers.orderedStream().forEach((customizer) -> customizer.customize(builder));
		return builder;
	}

	/**
	 * Whether this configurer configured a builder yet.
	 * @return {@code true} once {@link #configure} was called
	 */
	boolean hasConfigured() {
		return this.used;
	}

}
