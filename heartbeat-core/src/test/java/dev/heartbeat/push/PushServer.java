package dev.heartbeat.push;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A real HTTP server on 127.0.0.1 that records the requests it gets, in order, and
 * answers 200 unless told to answer otherwise or to hang.
 */
public final class PushServer implements AutoCloseable {

	/**
	 * A request as the server got it.
	 *
	 * @param method the HTTP method
	 * @param path the path
	 * @param body the body, as text
	 * @param receivedNanos when it arrived, by {@link System#nanoTime()}
	 * @param query the raw query, or an empty string if none
	 */
	public record Request(String method, String path, String body, long receivedNanos, String query) {

		@Override
		public String toString() {
			return this.method + " " + this.path;
		}

	}

	private final HttpServer server;

	private final ExecutorService executor = Executors.newCachedThreadPool();

	private final List<Request> requests = new CopyOnWriteArrayList<>();

	private final Queue<Integer> statuses = new ConcurrentLinkedQueue<>();

	private final CountDownLatch released = new CountDownLatch(1);

	private volatile boolean hanging;

	private final AtomicBoolean closed = new AtomicBoolean();

	public PushServer() throws IOException {
		this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		this.server.createContext("/", this::handle);
		// a hanging handler must not keep the next requests from being recorded
		this.server.setExecutor(this.executor);
		this.server.start();
	}

	/**
	 * The URL of a check on this server.
	 * @param path the path, such as {@code /ping/abc}
	 * @return the URL
	 */
	public URI url(String path) {
		return URI.create("http://127.0.0.1:" + this.server.getAddress().getPort() + path);
	}

	/**
	 * Answer the next requests with these statuses, then 200 again.
	 * @param statuses the statuses, in order
	 */
	public void answer(int... statuses) {
		for (int status : statuses) {
			this.statuses.add(status);
		}
	}

	/**
	 * Record each request, then hold it without an answer until {@link #release()}.
	 */
	public void hang() {
		this.hanging = true;
	}

	/**
	 * Answer the requests held by {@link #hang()}, and the next ones at once.
	 */
	public void release() {
		this.hanging = false;
		this.released.countDown();
	}

	public List<Request> requests() {
		return List.copyOf(this.requests);
	}

	public List<String> paths() {
		return this.requests.stream().map(Request::path).toList();
	}

	private void handle(HttpExchange exchange) throws IOException {
		try (exchange) {
			String body;
			try (InputStream in = exchange.getRequestBody()) {
				body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
			}
			String query = exchange.getRequestURI().getRawQuery();
			this.requests.add(new Request(exchange.getRequestMethod(), exchange.getRequestURI().getPath(), body,
					System.nanoTime(), (query != null) ? query : ""));
			if (this.hanging) {
				this.released.await();
			}
			Integer status = this.statuses.poll();
			exchange.sendResponseHeaders((status != null) ? status : 200, -1);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	@Override
	public void close() {
		if (!this.closed.compareAndSet(false, true)) {
			return;
		}
		release();
		this.server.stop(0);
		this.executor.shutdownNow();
		try {
			this.executor.awaitTermination(5, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
