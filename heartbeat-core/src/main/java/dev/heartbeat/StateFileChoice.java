package dev.heartbeat;

import java.io.IOException;
import java.nio.file.Path;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * The state file a heartbeat writes: the one it was given or, when another process writes
 * that one or it cannot be used, its fallback (see
 * {@link HeartbeatBuilder#fallbackStateFile(Path)}). {@link #claim()} chooses on every
 * start, so that a heartbeat started again once the other process is gone writes the file
 * it was given.
 */
final class StateFileChoice {

	private static final Log logger = LogFactory.getLog(Heartbeat.class);

	private final StateFile preferred;

	private final @Nullable StateFile fallback;

	// written by claim() on the lifecycle's thread, read by health checks on any thread
	private volatile StateFile inUse;

	StateFileChoice(StateFile preferred, @Nullable StateFile fallback) {
		this.preferred = preferred;
		this.fallback = fallback;
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
	 * the fallback, with a warning that names the fallback and why.
	 * @throws StateFileLockedException if another process writes the preferred file and
	 * the fallback cannot be claimed either
	 * @throws UnusableStateFileException if the preferred file cannot be used and the
	 * fallback cannot be claimed either
	 */
	void claim() {
		try {
			this.preferred.claim();
			this.inUse = this.preferred;
		}
		catch (StateFileLockedException | UnusableStateFileException ex) {
			StateFile fallback = this.fallback;
			if (fallback == null) {
				throw ex;
			}
			try {
				fallback.claim();
			}
			catch (HeartbeatException fallbackFailure) {
				ex.addSuppressed(fallbackFailure);
				throw ex;
			}
			this.inUse = fallback;
			logger.warn("Heartbeat writes its state file " + fallback.path() + " instead of " + this.preferred.path()
					+ ": " + ex.getMessage());
		}
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
