package dev.heartbeat;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * Finds the previous run in a state file that a heartbeat has just claimed, and remembers
 * which files this JVM wrote, so that a file of its own is never mistaken for a previous
 * run. A pid alone cannot tell: a container's JVM often runs as pid 1 on the same
 * hostname after each restart.
 */
final class PreviousRuns {

	private static final Log logger = LogFactory.getLog(Heartbeat.class);

	// absolute paths of the state files that a heartbeat of this JVM wrote
	private static final Set<Path> WRITTEN = ConcurrentHashMap.newKeySet();

	private PreviousRuns() {
	}

	/**
	 * Record that this JVM wrote a state file.
	 * @param stateFile the file's absolute path
	 */
	static void written(Path stateFile) {
		WRITTEN.add(stateFile);
	}

	/**
	 * Read the run that a claimed state file holds, if another process wrote it. Never
	 * throws: a missing file is no previous run, and a file that cannot be read is
	 * reported and ignored.
	 * @param stateFile the file's absolute path, claimed by the caller
	 * @param start when this run starts
	 * @return the previous run, or {@code null} if there is none, or the file is this
	 * JVM's own
	 */
	static @Nullable PreviousRun find(Path stateFile, Instant start) {
		try {
			if (Files.notExists(stateFile, LinkOption.NOFOLLOW_LINKS)) {
				return null;
			}
			StateFileReading reading = HeartbeatState.inspect(stateFile);
			HeartbeatState last = reading.state();
			if (last == null) {
				logger.warn("Heartbeat cannot tell how the previous run ended: " + reading.problem()
						+ "; the new beats replace it");
				return null;
			}
			if (isOwn(stateFile, last)) {
				return null;
			}
			return PreviousRun.of(last, start);
		}
		catch (RuntimeException ex) {
			// never seen: nothing here may keep the heartbeat from starting
			logger.warn("Heartbeat cannot tell how the previous run ended: " + ex);
			return null;
		}
	}

	/**
	 * Log how the previous run ended: a warning for an unclean end, and another once
	 * unclean ends in a row reach the crash-loop threshold.
	 * @param found the previous run
	 * @param crashLoopThreshold unclean ends in a row that look like a crash loop
	 */
	static void log(PreviousRun found, int crashLoopThreshold) {
		if (found.clean()) {
			logger.info("Heartbeat's previous run stopped cleanly: " + found.describe());
			return;
		}
		logger.warn("Heartbeat's previous run ended without a clean stop (a crash, a kill or a lost host): "
				+ found.describe() + "; unclean endings in a row: " + found.uncleanRestarts());
		if (found.uncleanRestarts() >= crashLoopThreshold) {
			logger.warn("Heartbeat's last " + found.uncleanRestarts()
					+ " runs all ended without a clean stop: the application may be in a crash loop (warned from "
					+ crashLoopThreshold + " in a row)");
		}
	}

	private static boolean isOwn(Path stateFile, HeartbeatState last) {
		return last.pid() == ProcessIdentity.PID && last.hostname().equals(ProcessIdentity.HOSTNAME)
				&& WRITTEN.contains(stateFile);
	}

}
