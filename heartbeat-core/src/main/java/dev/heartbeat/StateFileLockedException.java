package dev.heartbeat;

import java.nio.file.Path;
import java.util.OptionalLong;

/**
 * Thrown by {@link Heartbeat#start()} when another process already writes the same state
 * file: it holds the OS lock on the lock file next to it.
 *
 * @since 0.1.0
 */
public class StateFileLockedException extends HeartbeatException {

	private static final long serialVersionUID = 1L;

	private final Path stateFile;

	private final Path lockFile;

	private final long holderPid;

	/**
	 * Create an exception for a state file whose lock is held by another process.
	 * @param stateFile the state file
	 * @param lockFile the lock file next to it
	 * @param holderPid the pid of the process that holds the lock, or {@code -1} if it is
	 * unknown
	 */
	public StateFileLockedException(Path stateFile, Path lockFile, long holderPid) {
		super("State file " + stateFile + " is already written by another process ("
				+ ((holderPid >= 0) ? "pid " + holderPid : "pid unknown") + ", which holds the lock on " + lockFile
				+ ")");
		this.stateFile = stateFile;
		this.lockFile = lockFile;
		this.holderPid = holderPid;
	}

	/**
	 * The state file that another process writes.
	 * @return the state file
	 */
	public Path getStateFile() {
		return this.stateFile;
	}

	/**
	 * The lock file whose lock the other process holds.
	 * @return the lock file
	 */
	public Path getLockFile() {
		return this.lockFile;
	}

	/**
	 * The pid of the process that holds the lock, as it wrote it into the lock file.
	 * @return the pid, or empty if the lock file does not say
	 */
	public OptionalLong getHolderPid() {
		return (this.holderPid >= 0) ? OptionalLong.of(this.holderPid) : OptionalLong.empty();
	}

}
