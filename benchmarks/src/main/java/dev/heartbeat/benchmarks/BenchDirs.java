package dev.heartbeat.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * The directories the benchmarks write in: {@code tmp}, the JVM's default temp directory
 * (a disk file system here), and {@code shm}, {@code /dev/shm} (tmpfs, where no disk is
 * ever touched).
 */
final class BenchDirs {

	private BenchDirs() {
	}

	static Path create(String fileSystem) {
		Path base = switch (fileSystem) {
			case "tmp" -> Path.of(System.getProperty("java.io.tmpdir"));
			case "shm" -> Path.of("/dev/shm");
			default -> throw new IllegalArgumentException("unknown file system " + fileSystem);
		};
		try {
			return Files.createTempDirectory(base, "heartbeat-bench-");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	static void delete(Path directory) {
		try (Stream<Path> paths = Files.walk(directory)) {
			paths.sorted(Comparator.reverseOrder()).forEach((path) -> path.toFile().delete());
		}
		catch (IOException ex) {
			// a leftover temp directory is harmless
		}
	}

}
