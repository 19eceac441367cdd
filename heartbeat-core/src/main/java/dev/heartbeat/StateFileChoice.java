package dev.heartbeat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * The state file a heartbeat writes: the one it was given or, when another process writes
 * that one or it cannot be used, the first of its fallbacks that can be claimed (see
 * {@link HeartbeatBuilder#fallbackStateFiles(List)}). {@link #claim()} chooses on every
 * start, so that a heartbeat started again once the other process is gone writes the file
 * it was given.
 */
final class StateFileChoice {

	private static final Log logger = LogFactory.getLog(Heartbeat.class);

	private final StateFile preferred;

	private final List<StateFile> fallbacks;

	// written by claim() on the lifecycle's thread, read by health checks on any thread
	private volatile StateFile inUse;

	StateFileChoice(StateFile preferred, List<StateFile> fallbacks) {
		this.preferred = preferred;
		this.fallbacks = List.copyOf(fallbacks);
		this.inUse = preferred;
	}

	/**
	 * The file in use: the one claimed last, or the preferred one before any claim.
	 * @return the absolute path of the file
	 */
	Path path() {
		return this.inUse.path();
	}

	/**
	 * Claim the preferred file or, if it is written by another process or cannot be used,
	 * the first fallback that can be claimed, with a warning that names it and why.
	 * @throws StateFileLockedException if another process writes the preferred file and
	 * no fallback can be claimed (their failures are suppressed in it)
	 * @throws UnusableStateFileException if the preferred file cannot be used and no
	 * fallback can be claimed (their failures are suppressed in it)
	 */
	void claim() {
		try {
			this.preferred.claim();
			this.inUse = this.preferred;
		}
		catch (StateFileLockedException | UnusableStateFileException ex) {
			this.inUse = claimFallback(ex);
			logger.warn("Heartbeat writes its state file " + this.inUse.path() + " instead of " + this.preferred.path()
					+ ": " + ex.getMessage());
		}
	}

	private StateFile claimFallback(HeartbeatException preferredFailure) {
		for (StateFile fallback : this.fallbacks) {
			try {
				fallback.claim();
				return fallback;
			}
			catch (HeartbeatException ex) {
				preferredFailure.addSuppressed(ex);
			}
		}
		throw preferredFailure;
	}

	/**
	 * Let go of the claimed file, as {@link StateFile#release(Runnable)} does.
	 * @param lastAction what to do with the file before the lock is released
	 */
	void release(Runnable lastAction) {
		this.inUse.release(lastAction);
	}

	void write(byte[] content) throws IOException {
		this.inUse.write(content);
	}

	void delete() throws IOException {
		this.inUse.delete();
	}

}
