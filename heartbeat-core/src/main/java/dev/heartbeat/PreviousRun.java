package dev.heartbeat;

import java.time.Duration;
import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * How the previous run of the application ended, as the state file it left behind tells:
 * read by {@link Heartbeat#start()} once it holds the file's lock and before its first
 * beat overwrites it.
 *
 * @param pid the id of the process that wrote the last beat
 * @param hostname the host that process ran on
 * @param lastBeat when its last beat was written
 * @param status the status of its last beat, or {@code null} if it did not say (a file of
 * the Python heartbeat)
 * @param clean whether it ended with a clean stop: its last status was
 * {@link HeartbeatStatus#STOPPED}
 * @param downtime the time from its last beat to this start (zero if the clock says the
 * beat is in the future)
 * @param uncleanRestarts how many runs in a row ended without a clean stop, the previous
 * run included: {@code 0} after a clean stop, else one more than the count its file
 * carried
 * @since 0.1.0
 */
public record PreviousRun(long pid, String hostname, Instant lastBeat, @Nullable HeartbeatStatus status, boolean clean,
		Duration downtime, long uncleanRestarts) {

	/**
	 * The run that wrote a state file's last beat, as seen from a start at the given
	 * time.
	 * @param last the last beat of the file
	 * @param start when this run starts
	 * @return the previous run
	 */
	static PreviousRun of(HeartbeatState last, Instant start) {
		boolean clean = last.status() == HeartbeatStatus.STOPPED;
		Duration downtime = Duration.between(last.timestamp(), start);
		return new PreviousRun(last.pid(), last.hostname(), last.timestamp(), last.status(), clean,
				downtime.isNegative() ? Duration.ZERO : downtime, clean ? 0 : last.uncleanRestarts() + 1);
	}

	/**
	 * This run in one line, for the log.
	 * @return the description
	 */
	String describe() {
		return "pid " + this.pid + " on " + this.hostname + ", last beat " + this.lastBeat + " ("
				+ ((this.status != null) ? this.status : "no status") + "), down for " + this.downtime;
	}

}
