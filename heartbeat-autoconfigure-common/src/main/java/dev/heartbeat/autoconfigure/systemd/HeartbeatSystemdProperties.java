package dev.heartbeat.autoconfigure.systemd;

import dev.heartbeat.systemd.SystemdNotifier;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.StringUtils;
import org.springframework.validation.Errors;
import org.springframework.validation.Validator;

/**
 * Configuration properties of the systemd watchdog, which validate themselves.
 *
 * @since 0.1.0
 */
@ConfigurationProperties("heartbeat.systemd")
public class HeartbeatSystemdProperties implements Validator {

	/**
	 * Whether to notify systemd of readiness, beats and escalation. Defaults to notifying
	 * when a notify socket is set (systemd sets NOTIFY_SOCKET for services of
	 * Type=notify).
	 */
	private @Nullable Boolean enabled;

	/**
	 * Notify socket to send to: an absolute path, or a name in the abstract namespace
	 * starting with '@'. Defaults to the NOTIFY_SOCKET environment variable.
	 */
	private @Nullable String notifySocket;

	/**
	 * Whether an escalated target triggers systemd's watchdog action (WATCHDOG=trigger)
	 * and stops the watchdog pings until the escalation clears.
	 */
	private boolean escalate = true;

	public @Nullable Boolean getEnabled() {
		return this.enabled;
	}

	public void setEnabled(@Nullable Boolean enabled) {
		this.enabled = enabled;
	}

	public @Nullable String getNotifySocket() {
		return this.notifySocket;
	}

	public void setNotifySocket(@Nullable String notifySocket) {
		this.notifySocket = notifySocket;
	}

	public boolean isEscalate() {
		return this.escalate;
	}

	public void setEscalate(boolean escalate) {
		this.escalate = escalate;
	}

	@Override
	public boolean supports(Class<?> type) {
		return HeartbeatSystemdProperties.class.isAssignableFrom(type);
	}

	@Override
	public void validate(Object target, Errors errors) {
		String notifySocket = ((HeartbeatSystemdProperties) target).notifySocket;
		if (StringUtils.hasText(notifySocket) && !SystemdNotifier.isSupported(notifySocket.strip())) {
			errors.rejectValue("notifySocket", "afUnix", "The notify socket must be an absolute path or an abstract"
					+ " name starting with '@'. Set heartbeat.systemd.notify-socket to one, such as /run/app/notify,"
					+ " or remove it to use the NOTIFY_SOCKET environment variable.");
		}
	}

}
