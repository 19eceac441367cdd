package dev.heartbeat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class StateFileTests {

	private static final byte[] CONTENT = "{\"timestamp\": \"2026-01-12T10:00:00+00:00\", \"pid\": 1, \"hostname\": \"h\"}"
		.getBytes(StandardCharsets.US_ASCII);

	@TempDir
	Path directory;

	private Heartbeat heartbeat;

	@AfterEach
	void stopHeartbeat() {
		if (this.heartbeat != null) {
			this.heartbeat.stop();
		}
	}

	private Path stateFile() {
		return this.directory.resolve("app.heartbeat");
	}

	@Test
	void stateFileIsReadableByAllAndWritableByItsOwnerByDefault() throws IOException {
		this.heartbeat = Heartbeat.builder().stateFile(stateFile()).build();
		this.heartbeat.start();
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(stateFile()))).isEqualTo("rw-r--r--");
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(lockFile()))).isEqualTo("rw-r--r--");
	}

	@Test
	void filePermissionsAreSetExactlyWhateverTheUmask() throws IOException {
		// a umask of 022 would take the group's and others' write away from a mode given
		// at creation
		this.heartbeat = Heartbeat.builder()
			.stateFile(stateFile())
			.filePermissions(PosixFilePermissions.fromString("rw-rw-rw-"))
			.build();
		this.heartbeat.beat();
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(stateFile()))).isEqualTo("rw-rw-rw-");
		this.heartbeat = Heartbeat.builder()
			.stateFile(stateFile())
			.filePermissions(PosixFilePermissions.fromString("rw-------"))
			.build();
		this.heartbeat.beat();
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(stateFile()))).isEqualTo("rw-------");
	}

	@Test
	void aSymlinkPlantedAtTheTempPathIsNeverFollowed() throws IOException {
		Path victim = Files.writeString(this.directory.resolve("victim"), "precious");
		Path planted = this.directory.resolve(".app.heartbeat.0123456789abcdef.tmp");
		Files.createSymbolicLink(planted, victim);
		StateFile file = new StateFile(stateFile(), false, StateFile.DEFAULT_PERMISSIONS, () -> 0x0123456789abcdefL);
		assertThatExceptionOfType(FileAlreadyExistsException.class).isThrownBy(() -> file.write(CONTENT));
		assertThat(victim).hasContent("precious");
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(victim))).isEqualTo("rw-r--r--");
		// what this write did not create, it does not delete either
		assertThat(Files.isSymbolicLink(planted)).isTrue();
		assertThat(stateFile()).doesNotExist();
	}

	@Test
	void eachWriteDrawsItsOwnTempName() throws IOException {
		Files.createFile(this.directory.resolve(".app.heartbeat.0000000000000001.tmp"));
		Iterator<Long> draws = List.of(1L, 0xfedcba9876543210L, 1L).iterator();
		StateFile file = new StateFile(stateFile(), false, StateFile.DEFAULT_PERMISSIONS, draws::next);
		assertThatExceptionOfType(FileAlreadyExistsException.class).isThrownBy(() -> file.write(CONTENT));
		file.write(CONTENT);
		assertThat(stateFile()).hasBinaryContent(CONTENT);
		assertThatExceptionOfType(FileAlreadyExistsException.class).isThrownBy(() -> file.write(CONTENT));
		try (Stream<Path> entries = Files.list(this.directory)) {
			assertThat(entries.map((entry) -> entry.getFileName().toString()))
				.containsExactlyInAnyOrder("app.heartbeat", ".app.heartbeat.0000000000000001.tmp");
		}
	}

	@Test
	void largeContentIsWrittenWholeAndShorterContentAfterItAlone() throws IOException {
		StateFile file = new StateFile(stateFile());
		byte[] large = "x".repeat(HeartbeatState.MAX_FILE_SIZE).getBytes(StandardCharsets.US_ASCII);
		file.write(large);
		assertThat(stateFile()).hasBinaryContent(large);
		file.write(CONTENT);
		assertThat(stateFile()).hasBinaryContent(CONTENT);
	}

	@Test
	void aDanglingSymlinkAtTheStatePathIsReplacedAndItsTargetNeverWritten() throws IOException {
		Path target = this.directory.resolve("elsewhere/target.heartbeat");
		Files.createSymbolicLink(stateFile(), target);
		this.heartbeat = Heartbeat.builder().stateFile(stateFile()).build();
		this.heartbeat.start();
		assertThat(Files.isRegularFile(stateFile(), LinkOption.NOFOLLOW_LINKS)).isTrue();
		assertThat(HeartbeatState.read(stateFile())).isPresent();
		assertThat(target.getParent()).doesNotExist();
	}

	@Test
	void aSymlinkToAnotherFileAtTheStatePathIsReplacedAndThatFileLeftAlone() throws IOException {
		Path victim = Files.writeString(this.directory.resolve("victim"), "precious");
		Files.createSymbolicLink(stateFile(), victim);
		this.heartbeat = Heartbeat.builder().stateFile(stateFile()).build();
		this.heartbeat.beat();
		assertThat(Files.isRegularFile(stateFile(), LinkOption.NOFOLLOW_LINKS)).isTrue();
		assertThat(victim).hasContent("precious");
	}

	@Test
	void tempFilesOfACrashedProcessAreRemovedAtStartAndOthersKept() throws IOException {
		Path crashed = Files.writeString(this.directory.resolve(".app.heartbeat.deadbeefdeadbeef.tmp"), "{\"timest");
		List<Path> kept = List.of(Files.writeString(this.directory.resolve(".app.heartbeat.deadbeef.tmp"), "x"),
				Files.writeString(this.directory.resolve(".other.heartbeat.deadbeefdeadbeef.tmp"), "x"),
				Files.writeString(this.directory.resolve("app.heartbeat.deadbeefdeadbeef.tmp"), "x"),
				Files.writeString(this.directory.resolve("notes.txt"), "x"));
		this.heartbeat = Heartbeat.builder().stateFile(stateFile()).build();
		this.heartbeat.start();
		assertThat(crashed).doesNotExist();
		kept.forEach((path) -> assertThat(path).exists());
	}

	@Test
	void aDirectoryAtTheStatePathFailsStart() throws IOException {
		Files.createDirectory(stateFile());
		this.heartbeat = Heartbeat.builder().stateFile(stateFile()).build();
		assertThatExceptionOfType(UnusableStateFileException.class).isThrownBy(this.heartbeat::start)
			.satisfies((ex) -> assertThat(ex.getProblem()).isEqualTo(UnusableStateFileException.Problem.IS_A_DIRECTORY))
			.withMessage("State file " + stateFile() + " cannot be used: it is a directory");
		assertThat(this.heartbeat.isRunning()).isFalse();
	}

	@Test
	void aParentThatIsAFileFailsStart() throws IOException {
		Files.writeString(this.directory.resolve("run"), "a file");
		this.heartbeat = Heartbeat.builder().stateFile(this.directory.resolve("run/app/app.heartbeat")).build();
		assertThatExceptionOfType(UnusableStateFileException.class).isThrownBy(this.heartbeat::start)
			.satisfies(
					(ex) -> assertThat(ex.getProblem()).isEqualTo(UnusableStateFileException.Problem.PARENT_IS_A_FILE));
	}

	@Test
	void aParentThatCannotBeCreatedFailsStart() {
		// nobody, root included, can make a directory in /proc
		this.heartbeat = Heartbeat.builder().stateFile(Path.of("/proc/heartbeat-tests/app.heartbeat")).build();
		assertThatExceptionOfType(UnusableStateFileException.class).isThrownBy(this.heartbeat::start)
			.satisfies((ex) -> assertThat(ex.getProblem())
				.isEqualTo(UnusableStateFileException.Problem.PARENT_CANNOT_BE_CREATED));
	}

	@Test
	void fsyncWritesTheSameFileAndItsCostIsMeasured() throws IOException {
		int beats = 200;
		Heartbeat plain = Heartbeat.builder().stateFile(stateFile()).build();
		Heartbeat synced = Heartbeat.builder().stateFile(stateFile()).fsync(true).build();
		// warmed up first, then measured in alternating rounds, so that neither pays for
		// the JIT alone
		timeBeats(plain, beats);
		timeBeats(synced, beats);
		Duration withoutFsync = Duration.ZERO;
		Duration withFsync = Duration.ZERO;
		for (int round = 0; round < 3; round++) {
			withoutFsync = withoutFsync.plus(timeBeats(plain, beats));
			withFsync = withFsync.plus(timeBeats(synced, beats));
		}
		assertThat(HeartbeatState.read(stateFile()).orElseThrow().seq()).isEqualTo(4 * beats);
		assertThat(tempFiles()).isEmpty();
		System.out.printf("fsync cost on %s: %d beats each way, %.3f ms a beat without fsync, %.3f ms with%n",
				Files.getFileStore(this.directory).type(), 3 * beats, withoutFsync.toNanos() / 1e6 / (3 * beats),
				withFsync.toNanos() / 1e6 / (3 * beats));
	}

	private static Duration timeBeats(Heartbeat heartbeat, int beats) {
		long started = System.nanoTime();
		for (int i = 0; i < beats; i++) {
			heartbeat.beat();
		}
		return Duration.ofNanos(System.nanoTime() - started);
	}

	private Path lockFile() {
		return this.directory.resolve("app.heartbeat.lock");
	}

	private List<Path> tempFiles() throws IOException {
		try (Stream<Path> files = Files.list(this.directory)) {
			return files.filter((path) -> path.getFileName().toString().endsWith(".tmp")).toList();
		}
	}

}
