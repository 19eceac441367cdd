package dev.heartbeat.event;

import dev.heartbeat.PreviousRun;

/**
 * Published when the heartbeat starts on a state file that another process wrote last:
 * how the previous run of the application ended (cleanly or not), when it last beat, and
 * how many runs in a row ended without a clean stop. Published once per start that finds
 * one, before the first {@link BeatEvent}.
 *
 * @since 0.1.0
 */
public class PreviousRunEvent extends HeartbeatEvent {

	private static final long serialVersionUID = 1L;

	private final PreviousRun previousRun;

	/**
	 * Create an event.
	 * @param source the publisher of the event
	 * @param previousRun how the previous run ended
	 */
	public PreviousRunEvent(Object source, PreviousRun previousRun) {
		super(source);
		this.previousRun = previousRun;
	}

	/**
	 * How the previous run ended.
	 * @return the previous run
	 */
	public PreviousRun getPreviousRun() {
		return this.previousRun;
	}

}
