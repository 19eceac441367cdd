/**
 * Auto-configuration of the systemd watchdog and its {@code heartbeat.systemd.*}
 * properties.
 */
@NullMarked
package dev.heartbeat.autoconfigure.systemd;

import org.jspecify.annotations.NullMarked;
