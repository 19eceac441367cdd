package dev.heartbeat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.LinkOption;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * An OS lock on the lock file next to a state file, so that two processes never write one
 * state file. The holder's pid is written into the lock file, so that the one refused can
 * name it. The OS releases the lock when the process dies, however it dies.
 * <p>
 * Heartbeats of one JVM share the lock of a file (application contexts that a test
 * framework keeps side by side often use the same default file): each writes the file,
 * and only the last to stop applies its stop action and releases the lock.
 */
final class StateFileLock {

	private static final Log logger = LogFactory.getLog(Heartbeat.class);

	// O_NOFOLLOW: a symlink planted at the lock path is refused, never followed
	private static final Set<OpenOption> OPTIONS = Set.of(StandardOpenOption.CREATE, StandardOpenOption.READ,
			StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);

	// one channel per lock file and JVM: closing any channel on a file drops every lock
	// the JVM has on it
	private static final Map<Path, Held> HELD = new HashMap<>();

	private final Path lockFile;

	private final Held held;

	private final boolean shared;

	private StateFileLock(Path lockFile, Held held, boolean shared) {
		this.lockFile = lockFile;
		this.held = held;
		this.shared = shared;
	}

	/**
	 * Take the lock, or join the heartbeat of this JVM that holds it.
	 * @param stateFile the state file, to name in messages
	 * @param lockFile the lock file, in a directory that exists, its path resolved to a
	 * real one
	 * @param attributes the attributes of the lock file if it is created
	 * @return the lock
	 * @throws IOException if the lock file cannot be opened
	 * @throws StateFileLockedException if another process holds the lock
	 */
	static StateFileLock acquire(Path stateFile, Path lockFile, FileAttribute<?>[] attributes) throws IOException {
		synchronized (HELD) {
			Held held = HELD.get(lockFile);
			if (held != null) {
				held.holders++;
				logger.warn("State file " + stateFile + " is already written by another heartbeat in this JVM"
						+ " (another application context?): both write it, and the last to stop applies its stop action");
				return new StateFileLock(lockFile, held, true);
			}
			held = lock(stateFile, lockFile, attributes);
			HELD.put(lockFile, held);
			return new StateFileLock(lockFile, held, false);
		}
	}

	/**
	 * Whether another heartbeat of this JVM held the lock when this one was taken.
	 * @return {@code true} if the lock was joined rather than taken
	 */
	boolean shared() {
		return this.shared;
	}

	/**
	 * Let go of the lock. The last heartbeat of this JVM to let go runs
	 * {@code lastAction} while it still holds the OS lock, then releases it.
	 * @param lastAction what the last holder does before the lock is released
	 */
	void release(Runnable lastAction) {
		boolean last;
		synchronized (HELD) {
			last = --this.held.holders == 0;
		}
		if (!last) {
			logger.info("Another heartbeat of this JVM still writes the state file; its stop action is left to it");
			return;
		}
		try {
			lastAction.run();
		}
		finally {
			synchronized (HELD) {
				// a heartbeat that joined while the last action ran keeps the lock
				if (this.held.holders == 0 && HELD.get(this.lockFile) == this.held) {
					HELD.remove(this.lockFile);
					this.held.close();
				}
			}
		}
	}

	private static Held lock(Path stateFile, Path lockFile, FileAttribute<?>[] attributes) throws IOException {
		FileChannel channel = FileChannel.open(lockFile, OPTIONS, attributes);
		try {
			FileLock lock = channel.tryLock();
			if (lock == null) {
				throw new StateFileLockedException(stateFile, lockFile, readPid(channel));
			}
			byte[] pid = (ProcessIdentity.PID + "\n").getBytes(StandardCharsets.US_ASCII);
			channel.write(ByteBuffer.wrap(pid), 0);
			channel.truncate(pid.length);
			return new Held(channel, lock);
		}
		catch (OverlappingFileLockException ex) {
			// the same file reached through another path (a hard link, a bind mount):
			// this JVM holds it
			StateFileLockedException locked = new StateFileLockedException(stateFile, lockFile, ProcessIdentity.PID);
			closeAfterFailure(channel, locked);
			throw locked;
		}
		catch (IOException | RuntimeException ex) {
			closeAfterFailure(channel, ex);
			throw ex;
		}
	}

	private static void closeAfterFailure(FileChannel channel, Exception failure) {
		try {
			channel.close();
		}
		catch (IOException ex) {
			// the failure that made us close it is the one to report
			failure.addSuppressed(ex);
		}
	}

	private static long readPid(FileChannel channel) {
		try {
			ByteBuffer buffer = ByteBuffer.allocate(32);
			channel.read(buffer, 0);
			String text = new String(buffer.array(), 0, buffer.position(), StandardCharsets.US_ASCII).strip();
			return text.matches("[0-9]{1,18}") ? Long.parseLong(text) : -1;
		}
		catch (IOException ex) {
			return -1;
		}
	}

	/**
	 * The lock one JVM holds on a lock file, and how many of its heartbeats share it.
	 */
	static final class Held {

		private final FileChannel channel;

		private final FileLock lock;

		private int holders = 1;

		Held(FileChannel channel, FileLock lock) {
			this.channel = channel;
			this.lock = lock;
		}

		/**
		 * Release the lock and close its channel, which is closed even when the release
		 * fails: closing the channel releases the lock too, and an open one would leak a
		 * descriptor at every stop.
		 */
		void close() {
			try {
				this.lock.release();
			}
			catch (IOException | RuntimeException ex) {
				logger.warn("Heartbeat could not release its lock file (closing it releases the lock): " + ex);
			}
			finally {
				try {
					this.channel.close();
				}
				catch (IOException ex) {
					logger.warn("Heartbeat could not close its lock file: " + ex);
				}
			}
		}

	}

}
