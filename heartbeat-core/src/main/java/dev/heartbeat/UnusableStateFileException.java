package dev.heartbeat;

import java.nio.file.Path;

import org.jspecify.annotations.Nullable;

/**
 * Thrown by {@link Heartbeat#start()} when the state file can never be written where it
 * is configured: its path is a directory, its directory cannot be made or used, or
 * another user owns it in a shared directory.
 *
 * @since 0.1.0
 */
public class UnusableStateFileException extends HeartbeatException {

	private static final long serialVersionUID = 1L;

	private final Path stateFile;

	private final Problem problem;

	/**
	 * Create an exception for a state file that cannot be used.
	 * @param stateFile the state file
	 * @param problem what is wrong with it
	 * @param cause the underlying failure, if any
	 */
	public UnusableStateFileException(Path stateFile, Problem problem, @Nullable Throwable cause) {
		super("State file " + stateFile + " cannot be used: " + problem.description()
				+ ((cause != null) ? " (" + cause + ")" : ""), cause);
		this.stateFile = stateFile;
		this.problem = problem;
	}

	/**
	 * The state file that cannot be used.
	 * @return the state file
	 */
	public Path getStateFile() {
		return this.stateFile;
	}

	/**
	 * What is wrong with the state file.
	 * @return the problem
	 */
	public Problem getProblem() {
		return this.problem;
	}

	/**
	 * What can keep a state file from being used.
	 *
	 * @since 0.1.0
	 */
	public enum Problem {

		/**
		 * A directory exists at the state file's path.
		 */
		IS_A_DIRECTORY("it is a directory"),

		/**
		 * Something on the path to the state file's directory is a file.
		 */
		PARENT_IS_A_FILE("its parent is not a directory"),

		/**
		 * The state file's directory does not exist and cannot be made.
		 */
		PARENT_CANNOT_BE_CREATED("its directory cannot be created"),

		/**
		 * The lock file next to the state file cannot be opened, as when the directory is
		 * not writable.
		 */
		LOCK_FILE_CANNOT_BE_OPENED("the lock file next to it cannot be opened"),

		/**
		 * Another user owns the file, in a directory where only a file's owner may
		 * replace it (one with the sticky bit, as a shared temp directory is).
		 */
		OWNED_BY_ANOTHER_USER("another user owns it, and its directory lets only a file's owner replace it");

		private final String description;

		Problem(String description) {
			this.description = description;
		}

		/**
		 * The problem in a few words.
		 * @return the description
		 */
		public String description() {
			return this.description;
		}

	}

}
