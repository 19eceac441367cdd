package dev.heartbeat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import java.util.function.LongSupplier;
import java.util.regex.Pattern;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * Writes the state file atomically: the content goes to a temp file with an unpredictable
 * name in the same directory, which is then renamed over the state file, so that no
 * reader ever sees a partial file.
 * <p>
 * While a heartbeat runs, it {@link #claim() claims} the file: an OS lock on
 * {@code <file>.lock} keeps a second process from writing it, and temp files left by a
 * process that crashed before are removed.
 */
final class StateFile {

	/**
	 * The permissions of the state file unless others are asked for.
	 */
	static final Set<PosixFilePermission> DEFAULT_PERMISSIONS = PosixFilePermissions.fromString("rw-r--r--");

	private static final Log logger = LogFactory.getLog(Heartbeat.class);

	// the operating system's generator where there is one (NativePRNG on Linux): temp
	// names must not be guessable
	private static final SecureRandom RANDOM = new SecureRandom();

	// CREATE_NEW is O_EXCL: never opens a file, or follows a symlink, planted at the temp
	// path
	private static final Set<OpenOption> TEMP_OPTIONS = Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);

	private static final byte[] HEX_DIGITS = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

	private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");

	private static final boolean UNIX = FileSystems.getDefault().supportedFileAttributeViews().contains("unix");

	private static final int STICKY_BIT = 01000;

	private final Path path;

	private final Path directory;

	private final String tempPrefix;

	// the temp file's absolute path, whose 16 hex digits each write fills anew: one
	// String per name
	private final byte[] tempPath;

	private final int randomAt;

	private final Pattern tempName;

	private final boolean fsync;

	private final Set<PosixFilePermission> permissions;

	private final FileAttribute<?>[] createAttributes;

	private boolean umaskMayNarrow = true;

	private final LongSupplier randoms;

	private final int uid;

	private @Nullable StateFileLock lock;

	StateFile(Path path) {
		this(path, false, DEFAULT_PERMISSIONS);
	}

	StateFile(Path path, boolean fsync, Set<PosixFilePermission> permissions) {
		this(path, fsync, permissions, RANDOM::nextLong);
	}

	StateFile(Path path, boolean fsync, Set<PosixFilePermission> permissions, LongSupplier randoms) {
		this(path, fsync, permissions, randoms, ProcessIdentity.UID);
	}

	/**
	 * Create a state file.
	 * @param path the path of the file
	 * @param fsync whether each write is forced to disk
	 * @param permissions the permissions of the file and its lock file
	 * @param randoms the source of the temp files' random names
	 * @param uid the user id of this process, {@code -1} if unknown
	 */
	StateFile(Path path, boolean fsync, Set<PosixFilePermission> permissions, LongSupplier randoms, int uid) {
		this.path = path.toAbsolutePath();
		// absolute, so it has a parent: the root itself cannot be a state file
		this.directory = Objects.requireNonNull(this.path.getParent(), "A state file cannot be the root");
		this.tempPrefix = "." + this.path.getFileName() + ".";
		String tempPathPrefix = this.directory.resolve(this.tempPrefix).toString();
		this.tempPath = (tempPathPrefix + "0123456789abcdef.tmp").getBytes(StandardCharsets.UTF_8);
		this.randomAt = tempPathPrefix.getBytes(StandardCharsets.UTF_8).length;
		this.tempName = Pattern.compile(Pattern.quote(this.tempPrefix) + "[0-9a-f]{16}\\.tmp");
		this.fsync = fsync;
		this.permissions = Set.copyOf(permissions);
		this.createAttributes = POSIX ? new FileAttribute<?>[] { new CreationMode(this.permissions) }
				: new FileAttribute<?>[0];
		this.randoms = randoms;
		this.uid = uid;
	}

	Path path() {
		return this.path;
	}

	/**
	 * Make sure the file can be written, take the lock next to it, and remove the temp
	 * files that an earlier process left behind.
	 * @throws UnusableStateFileException if the file can never be written where it is
	 * @throws StateFileLockedException if another process writes it
	 */
	void claim() {
		if (Files.isDirectory(this.path, LinkOption.NOFOLLOW_LINKS)) {
			throw new UnusableStateFileException(this.path, UnusableStateFileException.Problem.IS_A_DIRECTORY, null);
		}
		Path realDirectory;
		try {
			Files.createDirectories(this.directory);
			realDirectory = this.directory.toRealPath();
		}
		catch (FileAlreadyExistsException | NotDirectoryException ex) {
			throw new UnusableStateFileException(this.path, UnusableStateFileException.Problem.PARENT_IS_A_FILE, ex);
		}
		catch (IOException ex) {
			throw new UnusableStateFileException(this.path,
					ancestorIsAFile() ? UnusableStateFileException.Problem.PARENT_IS_A_FILE
							: UnusableStateFileException.Problem.PARENT_CANNOT_BE_CREATED,
					ex);
		}
		if (ownedByAnotherUser(realDirectory)) {
			// every rename over it would fail: a beat could never land
			throw new UnusableStateFileException(this.path, UnusableStateFileException.Problem.OWNED_BY_ANOTHER_USER,
					null);
		}
		try {
			this.lock = StateFileLock.acquire(this.path, realDirectory.resolve(this.path.getFileName() + ".lock"),
					this.createAttributes);
		}
		catch (IOException ex) {
			throw new UnusableStateFileException(this.path,
					UnusableStateFileException.Problem.LOCK_FILE_CANNOT_BE_OPENED, ex);
		}
		if (!this.lock.shared()) {
			// no other process writes here now: a temp file of ours is what a crash left
			removeStaleTempFiles();
		}
	}

	/**
	 * Let go of the file claimed by {@link #claim()}, running {@code lastAction} first if
	 * no other heartbeat of this JVM still writes it.
	 * @param lastAction what to do with the file before the lock is released
	 */
	void release(Runnable lastAction) {
		StateFileLock held = this.lock;
		this.lock = null;
		if (held != null) {
			held.release(lastAction);
		}
		else {
			lastAction.run();
		}
	}

	// writes are serial: the temp path is reused from one to the next
	synchronized void write(byte[] content) throws IOException {
		Path temp = nextTempPath();
		// opening creates the temp file exclusively: only one this write created is ever
		// deleted
		FileChannel channel = openTemp(temp);
		try {
			try (channel) {
				writeTemp(temp, channel, content);
			}
			Files.move(temp, this.path, StandardCopyOption.ATOMIC_MOVE);
		}
		catch (IOException | RuntimeException ex) {
			deleteQuietly(temp, ex);
			throw ex;
		}
		if (this.fsync) {
			forceDirectory();
		}
	}

	void delete() throws IOException {
		Files.deleteIfExists(this.path);
	}

	/**
	 * Remove the temp files of this state file (named
	 * {@code .<name>.<16 hex digits>.tmp}) that a process killed in the middle of a write
	 * left behind. Other files are left alone.
	 * @return how many were removed
	 */
	int removeStaleTempFiles() {
		int removed = 0;
		try (DirectoryStream<Path> entries = Files.newDirectoryStream(this.directory,
				(entry) -> this.tempName.matcher(entry.getFileName().toString()).matches())) {
			for (Path entry : entries) {
				// deletes a symlink itself, never what it points to
				if (Files.deleteIfExists(entry)) {
					removed++;
				}
			}
		}
		catch (IOException ex) {
			logger.warn("Heartbeat could not remove the temp files left in " + this.directory + ": " + ex);
		}
		if (removed > 0) {
			logger.info(
					"Heartbeat removed " + removed + " temp file(s) that an earlier process left in " + this.directory);
		}
		return removed;
	}

	/**
	 * Whether the file exists and belongs to another user in a directory with the sticky
	 * bit, where the kernel lets only the file's owner, the directory's owner or root
	 * rename over it (a shared temp directory, where another user may have left a file, a
	 * symlink or a directory under this name).
	 */
	private boolean ownedByAnotherUser(Path realDirectory) {
		if (!UNIX || this.uid <= 0) {
			// root replaces any file; an unknown user is left to the first beat to find
			// out
			return false;
		}
		try {
			int directoryMode = (Integer) Files.getAttribute(realDirectory, "unix:mode");
			if ((directoryMode & STICKY_BIT) == 0
					|| (Integer) Files.getAttribute(realDirectory, "unix:uid") == this.uid) {
				return false;
			}
			Path file = realDirectory.resolve(this.path.getFileName());
			return (Integer) Files.getAttribute(file, "unix:uid", LinkOption.NOFOLLOW_LINKS) != this.uid;
		}
		catch (NoSuchFileException ex) {
			return false;
		}
		catch (IOException ex) {
			// cannot tell: the first beat finds out, and reports it
			return false;
		}
	}

	private boolean ancestorIsAFile() {
		for (Path ancestor = this.directory; ancestor != null; ancestor = ancestor.getParent()) {
			if (Files.exists(ancestor)) {
				return !Files.isDirectory(ancestor);
			}
		}
		return false;
	}

	private void writeTemp(Path temp, FileChannel channel, byte[] content) throws IOException {
		if (POSIX && this.umaskMayNarrow) {
			// the mode given at creation is narrowed by the umask: set exactly what was
			// asked, on the file itself
			PosixFileAttributeView view = Files.getFileAttributeView(temp, PosixFileAttributeView.class,
					LinkOption.NOFOLLOW_LINKS);
			if (view.readAttributes().permissions().equals(this.permissions)) {
				// the process's umask keeps this mode whole: no beat after this one needs
				// the two calls
				this.umaskMayNarrow = false;
			}
			else {
				view.setPermissions(this.permissions);
			}
		}
		ByteBuffer buffer = ByteBuffer.wrap(content);
		while (buffer.hasRemaining()) {
			channel.write(buffer);
		}
		if (this.fsync) {
			// the content is on disk before the rename makes it the state file
			channel.force(true);
		}
	}

	private FileChannel openTemp(Path temp) throws IOException {
		try {
			return FileChannel.open(temp, TEMP_OPTIONS, this.createAttributes);
		}
		catch (NoSuchFileException ex) {
			// the directory is missing (never made, or deleted while running): make it
			// and try once more
			Files.createDirectories(this.directory);
			return FileChannel.open(temp, TEMP_OPTIONS, this.createAttributes);
		}
	}

	private void forceDirectory() {
		// makes the rename itself durable; some file systems cannot sync a directory, and
		// the beat has landed
		try (FileChannel directoryChannel = FileChannel.open(this.directory, StandardOpenOption.READ)) {
			directoryChannel.force(true);
		}
		catch (IOException ex) {
			logger.debug("Heartbeat could not sync directory " + this.directory + ": " + ex);
		}
	}

	private static void deleteQuietly(Path temp, Exception failure) {
		try {
			Files.deleteIfExists(temp);
		}
		catch (IOException ex) {
			failure.addSuppressed(ex);
		}
	}

	private Path nextTempPath() {
		long random = this.randoms.getAsLong();
		for (int i = this.randomAt + 15; i >= this.randomAt; i--) {
			this.tempPath[i] = HEX_DIGITS[(int) (random & 0xf)];
			random >>>= 4;
		}
		return Path.of(new String(this.tempPath, StandardCharsets.UTF_8));
	}

	/**
	 * The permissions a file is created with. Unlike
	 * {@link PosixFilePermissions#asFileAttribute}'s, its value is made once: that one
	 * copies the set on every {@code value()}, which the JDK calls on every file it
	 * creates.
	 */
	private record CreationMode(Set<PosixFilePermission> value) implements FileAttribute<Set<PosixFilePermission>> {

		CreationMode(Set<PosixFilePermission> value) {
			this.value = Collections
				.unmodifiableSet(value.isEmpty() ? EnumSet.noneOf(PosixFilePermission.class) : EnumSet.copyOf(value));
		}

		@Override
		public String name() {
			return "posix:permissions";
		}

	}

}
