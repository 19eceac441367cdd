package dev.heartbeat.systemd;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.newsclub.net.unix.AFUNIXDatagramChannel;
import org.newsclub.net.unix.AFUNIXSocketAddress;

/**
 * Sends notifications to systemd over its notify socket, as {@code sd_notify(3)} does:
 * each message is one AF_UNIX datagram of newline-separated {@code KEY=VALUE} lines, such
 * as {@code READY=1} or {@code WATCHDOG=1\nSTATUS=...}.
 * <p>
 * The socket is a path ({@code /run/systemd/notify}) or, with a leading {@code @}, a name
 * in Linux's abstract namespace. Sending never throws and never blocks: a failure is
 * logged at WARN once, not once per message, and at INFO when messages go through again.
 *
 * @since 0.1.0
 */
public final class SystemdNotifier {

	private static final Log logger = LogFactory.getLog(SystemdNotifier.class);

	private final String notifySocket;

	private final AtomicBoolean failing = new AtomicBoolean();

	/**
	 * Create a notifier for a notify socket.
	 * @param notifySocket the value of {@code NOTIFY_SOCKET}: an absolute path, or
	 * {@code @} and a name in the abstract namespace
	 * @throws IllegalArgumentException if the socket is not an AF_UNIX socket (see
	 * {@link #isSupported(String)})
	 */
	public SystemdNotifier(String notifySocket) {
		if (!isSupported(notifySocket)) {
			throw new IllegalArgumentException("Notify socket '" + notifySocket
					+ "' is neither an absolute path nor an abstract name starting with '@'");
		}
		this.notifySocket = notifySocket;
	}

	/**
	 * Whether a notify socket is one this notifier can send to: an absolute path, or
	 * {@code @} and a name. Other forms, such as systemd's {@code vsock:} addresses for
	 * virtual machines, are not.
	 * @param notifySocket the value of {@code NOTIFY_SOCKET}
	 * @return {@code true} if the socket is supported
	 */
	public static boolean isSupported(String notifySocket) {
		return notifySocket.length() > 1 && (notifySocket.startsWith("/") || notifySocket.startsWith("@"));
	}

	/**
	 * The notify socket this notifier sends to.
	 * @return the socket, as given
	 */
	public String notifySocket() {
		return this.notifySocket;
	}

	/**
	 * Send one message as one datagram. Never throws.
	 * @param message newline-separated {@code KEY=VALUE} lines
	 * @return {@code true} if the message was sent, {@code false} if it could not be
	 * (logged)
	 */
	public boolean send(String message) {
		try (AFUNIXDatagramChannel channel = AFUNIXDatagramChannel.open()) {
			// a stalled service manager must not stall the heartbeat: drop the message
			// instead
			channel.configureBlocking(false);
			int sent = channel.send(ByteBuffer.wrap(message.getBytes(StandardCharsets.UTF_8)), address());
			if (sent == 0) {
				throw new IOException("the notify socket's queue is full");
			}
		}
		catch (IOException | RuntimeException | LinkageError ex) {
			if (this.failing.compareAndSet(false, true)) {
				logger.warn("Heartbeat could not notify systemd at " + this.notifySocket + ": " + ex
						+ "; trying again with every message");
			}
			return false;
		}
		if (this.failing.compareAndSet(true, false)) {
			logger.info("Heartbeat notifies systemd at " + this.notifySocket + " again");
		}
		return true;
	}

	private AFUNIXSocketAddress address() throws IOException {
		byte[] path = this.notifySocket.getBytes(StandardCharsets.UTF_8);
		if (path[0] == '@') {
			// sd_notify's convention: a leading '@' stands for the NUL byte of an
			// abstract name
			path[0] = 0;
		}
		return AFUNIXSocketAddress.of(path);
	}

	@Override
	public String toString() {
		return "SystemdNotifier(" + this.notifySocket + ")";
	}

}
