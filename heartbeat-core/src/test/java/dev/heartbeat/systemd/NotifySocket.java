package dev.heartbeat.systemd;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import org.newsclub.net.unix.AFUNIXDatagramChannel;
import org.newsclub.net.unix.AFUNIXSocketAddress;

/**
 * A notify socket that a test binds, as systemd does, to receive what the application
 * sends: a real AF_UNIX datagram socket, at a path or in the abstract namespace.
 */
public final class NotifySocket implements AutoCloseable {

	/**
	 * How long to wait for a datagram: long, because a loaded machine may be slow to
	 * beat.
	 */
	public static final Duration GENEROUS = Duration.ofSeconds(30);

	private final AFUNIXDatagramChannel channel;

	private final String address;

	private NotifySocket(AFUNIXSocketAddress bindTo, String address) throws IOException {
		this.channel = AFUNIXDatagramChannel.open();
		this.channel.bind(bindTo);
		this.address = address;
	}

	/**
	 * Bind a socket at a path.
	 * @param path the path of the socket file
	 * @return the bound socket
	 * @throws IOException if it cannot be bound
	 */
	public static NotifySocket at(Path path) throws IOException {
		return new NotifySocket(AFUNIXSocketAddress.of(path), path.toString());
	}

	/**
	 * Bind a socket with a unique name in the abstract namespace.
	 * @return the bound socket, whose {@link #address()} starts with {@code @}
	 * @throws IOException if it cannot be bound
	 */
	public static NotifySocket inAbstractNamespace() throws IOException {
		String name = "heartbeat-test-" + UUID.randomUUID();
		return new NotifySocket(AFUNIXSocketAddress.inAbstractNamespace(name), "@" + name);
	}

	/**
	 * The socket's address as {@code NOTIFY_SOCKET} gives it.
	 * @return a path, or {@code @} and the abstract name
	 */
	public String address() {
		return this.address;
	}

	/**
	 * Wait for the next datagram.
	 * @return its text
	 * @throws IOException if none arrives within {@link #GENEROUS}
	 */
	public String receive() throws IOException {
		return receive(System.nanoTime() + GENEROUS.toNanos());
	}

	private String receive(long deadline) throws IOException {
		ByteBuffer buffer = ByteBuffer.allocate(4096);
		// a blocking receive on this channel ignores the socket's timeout: wait with a
		// selector
		this.channel.configureBlocking(false);
		try (Selector selector = this.channel.provider().openSelector()) {
			this.channel.register(selector, SelectionKey.OP_READ);
			while (receiveInto(buffer) == 0) {
				long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
				if (left <= 0) {
					throw new SocketTimeoutException("No datagram within " + GENEROUS);
				}
				selector.select(left);
			}
		}
		finally {
			this.channel.configureBlocking(true);
		}
		buffer.flip();
		return StandardCharsets.UTF_8.decode(buffer).toString();
	}

	/**
	 * Receive datagrams until one matches.
	 * @param last what the last datagram to receive is
	 * @return every datagram received, the matching one last
	 * @throws IOException if none matches within {@link #GENEROUS}
	 */
	public List<String> receiveUntil(Predicate<String> last) throws IOException {
		List<String> received = new ArrayList<>();
		// one deadline for all: a stream of other messages must not wait for ever
		long deadline = System.nanoTime() + GENEROUS.toNanos();
		String message;
		do {
			message = receive(deadline);
			received.add(message);
		}
		while (!last.test(message));
		return received;
	}

	/**
	 * Take the datagrams already queued, without waiting: a sender's datagram is queued
	 * by the time its send returns.
	 * @return the queued datagrams, oldest first
	 * @throws IOException if the socket cannot be read
	 */
	public List<String> drain() throws IOException {
		List<String> queued = new ArrayList<>();
		this.channel.configureBlocking(false);
		try {
			ByteBuffer buffer = ByteBuffer.allocate(4096);
			// the sender's address is null (its socket is unbound): only the bytes tell a
			// datagram came
			while (receiveInto(buffer) > 0) {
				buffer.flip();
				queued.add(StandardCharsets.UTF_8.decode(buffer).toString());
				buffer.clear();
			}
		}
		finally {
			this.channel.configureBlocking(true);
		}
		return queued;
	}

	private int receiveInto(ByteBuffer buffer) throws IOException {
		this.channel.receive(buffer);
		return buffer.position();
	}

	@Override
	public void close() throws IOException {
		this.channel.close();
	}

}
