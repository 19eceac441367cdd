package dev.heartbeat.event;

import java.util.Map;

/**
 * Published when the heartbeat raises an alert, the equivalent of the Python heartbeat's
 * {@code on_alert(channel, message, context)}.
 *
 * @since 0.1.0
 */
public class AlertEvent extends HeartbeatEvent {

	private static final long serialVersionUID = 1L;

	private final String channel;

	private final String message;

	private final transient Map<String, Object> context;

	/**
	 * Create an event.
	 * @param source the publisher of the event
	 * @param channel where the alert comes from
	 * @param message what happened, in one line
	 * @param context details, such as {@code target}
	 */
	public AlertEvent(Object source, String channel, String message, Map<String, Object> context) {
		super(source);
		this.channel = channel;
		this.message = message;
		this.context = Map.copyOf(context);
	}

	/**
	 * Where the alert comes from: {@code "heartbeat"}.
	 * @return the channel
	 */
	public String getChannel() {
		return this.channel;
	}

	/**
	 * What happened, in one line.
	 * @return the message
	 */
	public String getMessage() {
		return this.message;
	}

	/**
	 * Details of the alert, such as {@code target}.
	 * @return the context
	 */
	public Map<String, Object> getContext() {
		return this.context;
	}

}
