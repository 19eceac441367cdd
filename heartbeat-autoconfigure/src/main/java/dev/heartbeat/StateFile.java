package dev.heartbeat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Set;

/**
 * Writes the state file atomically: the content goes to a temp file with an unpredictable name in
 * the same directory, which is then renamed over the state file, so that no reader ever sees a
 * partial file.
 * <p>
 * The temp name is drawn once and reused by every write (the rename frees it again), so that a
 * write allocates no name. What keeps the name safe is {@code O_EXCL}: anything planted at it makes
 * the open fail, and a new unpredictable name is drawn at once. Not thread-safe: the heartbeat
 * writes under its beat lock.
 */
final class StateFile {

	private static final SecureRandom RANDOM = new SecureRandom();

	// CREATE_NEW is O_EXCL: never opens a file, or follows a symlink, planted at the temp path
	private static final Set<OpenOption> TEMP_OPTIONS = Set.of(StandardOpenOption.CREATE_NEW,
			StandardOpenOption.WRITE);

	private static final FileAttribute<?>[] TEMP_ATTRIBUTES = FileSystems.getDefault()
		.supportedFileAttributeViews()
		.contains("posix") ? new FileAttribute<?>[] { PosixFilePermissions.asFileAttribute(
				PosixFilePermissions.fromString("rw-r--r--")) } : new FileAttribute<?>[0];

	private final Path path;

	private final Path directory;

	private final String tempPrefix;

	private Path temp;

	StateFile(Path path) {
		this.path = path.toAbsolutePath();
		this.directory = this.path.getParent();
		this.tempPrefix = "." + this.path.getFileName() + ".";
		this.temp = newTemp();
	}

	Path path() {
		return this.path;
	}

	void write(byte[] content) throws IOException {
		write(content, content.length);
	}

	void write(byte[] content, int length) throws IOException {
		SeekableByteChannel channel = openFreshTemp();
		Path temp = this.temp;
		try {
			writeTemp(channel, content, length);
			Files.move(temp, this.path, StandardCopyOption.ATOMIC_MOVE);
		}
		catch (IOException | RuntimeException ex) {
			deleteQuietly(temp, ex);
			throw ex;
		}
	}

	// the temp path the next write uses
	Path temp() {
		return this.temp;
	}

	void delete() throws IOException {
		Files.deleteIfExists(this.path);
	}

	private SeekableByteChannel openFreshTemp() throws IOException {
		try {
			return openTemp(this.temp);
		}
		catch (FileAlreadyExistsException ex) {
			// planted, or left by a write that died: not ours to delete; draw a name no one can know
			this.temp = newTemp();
			return openTemp(this.temp);
		}
	}

	private static void writeTemp(SeekableByteChannel temp, byte[] content, int length) throws IOException {
		try (SeekableByteChannel channel = temp) {
			ByteBuffer buffer = ByteBuffer.wrap(content, 0, length);
			while (buffer.hasRemaining()) {
				channel.write(buffer);
			}
		}
	}

	private Path newTemp() {
		return this.directory.resolve(this.tempPrefix + randomSuffix() + ".tmp");
	}

	private SeekableByteChannel openTemp(Path temp) throws IOException {
		try {
			return Files.newByteChannel(temp, TEMP_OPTIONS, TEMP_ATTRIBUTES);
		}
		catch (NoSuchFileException ex) {
			// the directory is missing (never made, or deleted while running): make it and try once more
			Files.createDirectories(this.directory);
			return Files.newByteChannel(temp, TEMP_OPTIONS, TEMP_ATTRIBUTES);
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

	private static String randomSuffix() {
		byte[] bytes = new byte[8];
		RANDOM.nextBytes(bytes);
		return HexFormat.of().formatHex(bytes);
	}

}
