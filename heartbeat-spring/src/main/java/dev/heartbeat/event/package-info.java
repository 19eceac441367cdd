/**
 * Spring {@link org.springframework.context.ApplicationEvent application events} for
 * beats, missed beats, dead and recovered targets, and alerts, for {@code @EventListener}
 * methods.
 */
@NullMarked
package dev.heartbeat.event;

import org.jspecify.annotations.NullMarked;
