package dev.heartbeat.push;

import java.util.Locale;

import dev.heartbeat.HeartbeatState;
import org.jspecify.annotations.Nullable;

/**
 * One request to send to the push monitor: what it signals, and the beat or the task run
 * it is about. Immutable: made by a listener callback, sent from the push thread.
 *
 * @param signal what the request tells the monitor
 * @param state the beat it is about (for {@code /fail}, the last beat), or {@code null}
 * if none was written yet or the push is about a task run
 * @param runId the id of the task run it is about, sent as {@code rid}, or {@code null}
 * @param body a short text to send as the body (why a task run failed), or {@code null}
 */
record Push(Signal signal, @Nullable HeartbeatState state, @Nullable String runId, @Nullable String body) {

	Push(Signal signal, @Nullable HeartbeatState state) {
		this(signal, state, null, null);
	}

	/**
	 * What a request tells the monitor.
	 */
	enum Signal {

		/**
		 * The application is alive: the push URL itself.
		 */
		PING,

		/**
		 * The application starts: {@code <url>/start}.
		 */
		START,

		/**
		 * The application failed: {@code <url>/fail}.
		 */
		FAIL;

		String describe() {
			return (this == PING) ? "a ping" : "/" + name().toLowerCase(Locale.ROOT);
		}

	}

}
