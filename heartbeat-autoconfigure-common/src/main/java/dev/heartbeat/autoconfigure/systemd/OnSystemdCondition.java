package dev.heartbeat.autoconfigure.systemd;

import dev.heartbeat.systemd.SystemdEnvironment;
import dev.heartbeat.systemd.SystemdNotifier;

import org.springframework.boot.autoconfigure.condition.ConditionMessage;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.util.StringUtils;

/**
 * Matches when the application runs under systemd: {@code heartbeat.systemd.enabled} is
 * {@code true}, or it is unset and a notify socket is set; in both cases only if
 * {@code WATCHDOG_PID}, when set, is this process.
 */
class OnSystemdCondition extends SpringBootCondition {

	static final String ENABLED = "heartbeat.systemd.enabled";

	static final String NOTIFY_SOCKET = "heartbeat.systemd.notify-socket";

	@Override
	public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
		ConditionMessage.Builder message = ConditionMessage.forCondition("systemd notify");
		Environment environment = context.getEnvironment();
		Boolean enabled = Binder.get(environment).bind(ENABLED, Boolean.class).orElse(null);
		if (Boolean.FALSE.equals(enabled)) {
			return ConditionOutcome.noMatch(message.because(ENABLED + " is false"));
		}
		SystemdEnvironment systemd = SystemdEnvironment.of(environment::getProperty);
		if (!systemd.isForThisProcess()) {
			return ConditionOutcome.noMatch(message.because(SystemdEnvironment.WATCHDOG_PID + " is "
					+ systemd.watchdogPid().orElse("") + ", not this process (" + ProcessHandle.current().pid() + ")"));
		}
		if (Boolean.TRUE.equals(enabled)) {
			return ConditionOutcome.match(message.because(ENABLED + " is true"));
		}
		String configured = Binder.get(environment).bind(NOTIFY_SOCKET, String.class).orElse(null);
		if (StringUtils.hasText(configured)) {
			return ConditionOutcome.match(message.because(NOTIFY_SOCKET + " is " + configured));
		}
		String inherited = systemd.notifySocket().orElse(null);
		if (inherited == null) {
			return ConditionOutcome.noMatch(message
				.because("neither " + NOTIFY_SOCKET + " nor " + SystemdEnvironment.NOTIFY_SOCKET + " is set"));
		}
		if (!SystemdNotifier.isSupported(inherited)) {
			// systemd's vsock: addresses reach it from a virtual machine, with no AF_UNIX
			// socket
			return ConditionOutcome.noMatch(
					message.because(SystemdEnvironment.NOTIFY_SOCKET + " is " + inherited + ", not an AF_UNIX socket"));
		}
		return ConditionOutcome.match(message.because(SystemdEnvironment.NOTIFY_SOCKET + " is " + inherited));
	}

}
