package dev.heartbeat.systemd;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;

/**
 * What systemd tells a service through its environment: the notify socket
 * ({@code NOTIFY_SOCKET}), the watchdog timeout ({@code WATCHDOG_USEC}) and the process
 * the watchdog is meant for ({@code WATCHDOG_PID}).
 *
 * @since 0.1.0
 */
public final class SystemdEnvironment {

	/**
	 * The variable that names the notify socket.
	 */
	public static final String NOTIFY_SOCKET = "NOTIFY_SOCKET";

	/**
	 * The variable that holds the watchdog timeout in microseconds.
	 */
	public static final String WATCHDOG_USEC = "WATCHDOG_USEC";

	/**
	 * The variable that holds the pid of the process the watchdog is meant for.
	 */
	public static final String WATCHDOG_PID = "WATCHDOG_PID";

	private final @Nullable String notifySocket;

	private final @Nullable String watchdogUsec;

	private final @Nullable String watchdogPid;

	private final long pid;

	private SystemdEnvironment(Function<String, @Nullable String> variables, long pid) {
		this.notifySocket = trimmed(variables.apply(NOTIFY_SOCKET));
		this.watchdogUsec = trimmed(variables.apply(WATCHDOG_USEC));
		this.watchdogPid = trimmed(variables.apply(WATCHDOG_PID));
		this.pid = pid;
	}

	/**
	 * Read the variables of this process's environment.
	 * @return the environment
	 */
	public static SystemdEnvironment system() {
		return of(System::getenv);
	}

	/**
	 * Read the variables from a lookup, such as a Spring {@code Environment}'s
	 * {@code getProperty}.
	 * @param variables gives the value of a variable, or {@code null} if it is not set
	 * @return the environment
	 */
	public static SystemdEnvironment of(Function<String, @Nullable String> variables) {
		return new SystemdEnvironment(variables, ProcessHandle.current().pid());
	}

	/**
	 * The notify socket.
	 * @return the value of {@code NOTIFY_SOCKET}, or empty if it is not set or blank
	 */
	public Optional<String> notifySocket() {
		return Optional.ofNullable(this.notifySocket);
	}

	/**
	 * The watchdog timeout: systemd restarts the service if no {@code WATCHDOG=1} arrives
	 * within it.
	 * @return the value of {@code WATCHDOG_USEC}, or empty if it is not set or not a
	 * positive number
	 */
	public Optional<Duration> watchdogTimeout() {
		try {
			long micros = (this.watchdogUsec != null) ? Long.parseLong(this.watchdogUsec) : 0;
			return (micros > 0) ? Optional.of(Duration.of(micros, ChronoUnit.MICROS)) : Optional.empty();
		}
		catch (NumberFormatException ex) {
			return Optional.empty();
		}
	}

	/**
	 * The pid the watchdog is meant for.
	 * @return the value of {@code WATCHDOG_PID}, or empty if it is not set
	 */
	public Optional<String> watchdogPid() {
		return Optional.ofNullable(this.watchdogPid);
	}

	/**
	 * Whether these variables are meant for this process: {@code WATCHDOG_PID} is not
	 * set, or is this process's pid. A process that inherited them from the service's
	 * main process (a child JVM, a wrapper script that did not {@code exec}) must not
	 * notify in its place.
	 * @return {@code true} if this process may notify
	 */
	public boolean isForThisProcess() {
		return this.watchdogPid == null || this.watchdogPid.equals(Long.toString(this.pid));
	}

	private static @Nullable String trimmed(@Nullable String value) {
		return (value != null && !value.isBlank()) ? value.strip() : null;
	}

}
