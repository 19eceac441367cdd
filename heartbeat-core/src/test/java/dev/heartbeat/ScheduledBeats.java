package dev.heartbeat;

/**
 * Runs a started heartbeat's scheduled beat by hand (its targets' checks, then the
 * write), for tests in other packages that drive time with a {@link MutableTicker}.
 */
public final class ScheduledBeats {

	private ScheduledBeats() {
	}

	/**
	 * Run one scheduled beat now, on this thread. It is skipped, as on the beat thread,
	 * unless at least half an interval passed on the heartbeat's ticker since the last.
	 * @param heartbeat a started heartbeat
	 */
	public static void tick(Heartbeat heartbeat) {
		heartbeat.tick();
	}

}
