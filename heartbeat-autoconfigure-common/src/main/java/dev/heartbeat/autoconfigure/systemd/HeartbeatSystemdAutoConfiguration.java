package dev.heartbeat.autoconfigure.systemd;

import dev.heartbeat.Heartbeat;
import dev.heartbeat.autoconfigure.HeartbeatAutoConfiguration;
import dev.heartbeat.systemd.SystemdEnvironment;
import dev.heartbeat.systemd.SystemdNotifier;
import dev.heartbeat.systemd.SystemdWatchdog;
import org.newsclub.net.unix.AFUNIXDatagramChannel;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.core.env.Environment;
import org.springframework.util.StringUtils;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration
 * Auto-configuration} of a {@link SystemdWatchdog} that tells systemd when the
 * application is ready and stopping, and feeds its watchdog with the auto-configured
 * heartbeat's beats. Active when a notify socket is set (or
 * {@code heartbeat.systemd.enabled=true}) and junixsocket, which sends AF_UNIX datagrams,
 * is on the classpath.
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = HeartbeatAutoConfiguration.class)
@ConditionalOnClass(AFUNIXDatagramChannel.class)
@ConditionalOnBean(Heartbeat.class)
@Conditional(OnSystemdCondition.class)
@EnableConfigurationProperties(HeartbeatSystemdProperties.class)
public final class HeartbeatSystemdAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	SystemdNotifier systemdNotifier(HeartbeatSystemdProperties properties, Environment environment) {
		String configured = properties.getNotifySocket();
		String socket = StringUtils.hasText(configured) ? configured.strip()
				: SystemdEnvironment.of(environment::getProperty).notifySocket().orElse(null);
		if (socket == null) {
			throw new InvalidConfigurationPropertyValueException(OnSystemdCondition.NOTIFY_SOCKET, configured,
					OnSystemdCondition.ENABLED + " is true, but neither this property nor the "
							+ SystemdEnvironment.NOTIFY_SOCKET + " environment variable names a notify socket. Run "
							+ "the application as a systemd service of Type=notify, set this property, or leave "
							+ OnSystemdCondition.ENABLED + " unset to notify only when a socket is set.");
		}
		if (!SystemdNotifier.isSupported(socket)) {
			// a configured socket was validated with the properties: this one is
			// inherited, such as vsock:2:1234
			throw new InvalidConfigurationPropertyValueException(OnSystemdCondition.NOTIFY_SOCKET, socket,
					"The " + SystemdEnvironment.NOTIFY_SOCKET + " environment variable is not an AF_UNIX socket (an"
							+ " absolute path or an abstract name starting with '@'). Set this property to one, or"
							+ " leave " + OnSystemdCondition.ENABLED + " unset to notify only through such a socket.");
		}
		return new SystemdNotifier(socket);
	}

	@Bean
	@ConditionalOnMissingBean
	SystemdWatchdog systemdWatchdog(SystemdNotifier systemdNotifier, HeartbeatSystemdProperties properties) {
		return new SystemdWatchdog(systemdNotifier, properties.isEscalate());
	}

	@Bean
	SystemdReadiness heartbeatSystemdReadiness(SystemdWatchdog systemdWatchdog) {
		return new SystemdReadiness(systemdWatchdog);
	}

	@Bean
	WatchdogIntervalCustomizer heartbeatSystemdWatchdogInterval(Environment environment) {
		return new WatchdogIntervalCustomizer(SystemdEnvironment.of(environment::getProperty));
	}

}
