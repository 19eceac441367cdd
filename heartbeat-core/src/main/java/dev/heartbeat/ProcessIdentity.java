package dev.heartbeat;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The pid and hostname written with every beat, resolved once per process: neither
 * changes while it runs, and resolving the hostname can mean a DNS lookup.
 *
 * @since 0.1.0
 */
public final class ProcessIdentity {

	static final long PID = ProcessHandle.current().pid();

	static final String HOSTNAME = resolveHostname();

	// the effective user id, or -1 where the file system does not tell it (no /proc)
	static final int UID = resolveUid();

	private ProcessIdentity() {
	}

	/**
	 * The id of this process, as written with every beat.
	 * @return the pid
	 */
	public static long pid() {
		return PID;
	}

	/**
	 * The host this process runs on, as written with every beat: the kernel's host name,
	 * as Python's {@code socket.gethostname()} gives it.
	 * @return the hostname
	 */
	public static String hostname() {
		return HOSTNAME;
	}

	private static int resolveUid() {
		// /proc/self belongs to the process's effective user
		try {
			return (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid");
		}
		catch (IOException | UnsupportedOperationException | IllegalArgumentException ex) {
			return -1;
		}
	}

	private static String resolveHostname() {
		// the kernel's name, as Python's socket.gethostname() gives it, needs no DNS
		Path kernelHostname = Path.of("/proc/sys/kernel/hostname");
		try {
			if (Files.isReadable(kernelHostname)) {
				String name = Files.readString(kernelHostname, StandardCharsets.UTF_8).strip();
				if (!name.isEmpty()) {
					return name;
				}
			}
		}
		catch (IOException ex) {
			// fall through to the JDK's lookup
		}
		try {
			return InetAddress.getLocalHost().getHostName();
		}
		catch (IOException ex) {
			String fromEnvironment = System.getenv("HOSTNAME");
			return (fromEnvironment != null) ? fromEnvironment : "localhost";
		}
	}

}
