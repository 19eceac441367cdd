package dev.heartbeat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import ch.qos.logback.classic.Level;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A heartbeat with a fallback state file starts with the fallback when its state file is
 * written by another process or cannot be used, whoever made it so; without one, or when
 * the fallback cannot be used either, it fails as before.
 */
class StateFileFallbackTests {

	private static final Duration GENEROUS = Duration.ofSeconds(30);

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

	private Path fallback() {
		return this.directory.resolve("app-" + ProcessIdentity.pid() + ".heartbeat");
	}

	private Heartbeat withFallback() {
		return Heartbeat.builder().stateFile(stateFile()).fallbackStateFiles(List.of(fallback())).build();
	}

	@Test
	void aStateFileThatAnotherProcessWritesIsLeftToItAndTheFallbackIsWritten() throws Exception {
		this.heartbeat = withFallback();
		try (ChildJvm other = ChildJvm.start(HeartbeatProcess.class, stateFile().toString())) {
			await().atMost(GENEROUS).until(() -> other.printed("STARTED"));
			try (LogRecorder log = new LogRecorder()) {
				this.heartbeat.start();
				assertThat(log.messages(Level.WARN)).singleElement()
					.asString()
					.isEqualTo("Heartbeat writes its state file " + fallback() + " instead of " + stateFile()
							+ ": State file " + stateFile() + " is already written by another process (pid "
							+ other.pid() + ", which holds the lock on " + lockFile() + ")");
			}
			assertThat(this.heartbeat.isRunning()).isTrue();
			assertThat(this.heartbeat.stateFile()).contains(fallback());
			assertThat(this.heartbeat.inspectStateFile().state().pid()).isEqualTo(ProcessIdentity.pid());
			assertThat(HeartbeatState.read(stateFile()).orElseThrow().pid()).isEqualTo(other.pid());
			this.heartbeat.stop();
			assertThat(this.heartbeat.stateFile()).as("the file of the last beat, STOPPED").contains(fallback());
			assertThat(HeartbeatState.read(fallback()).orElseThrow().status()).isEqualTo(HeartbeatStatus.STOPPED);
		}
		// the other process is gone: the next start takes the state file it was given
		this.heartbeat.start();
		assertThat(this.heartbeat.stateFile()).contains(stateFile());
		assertThat(HeartbeatState.read(stateFile()).orElseThrow().pid()).isEqualTo(ProcessIdentity.pid());
	}

	@Test
	void aDirectoryAtTheStatePathFallsBack() throws IOException {
		Files.createDirectory(stateFile());
		this.heartbeat = withFallback();
		try (LogRecorder log = new LogRecorder()) {
			this.heartbeat.start();
			assertThat(log.messages(Level.WARN)).singleElement()
				.asString()
				.endsWith(": State file " + stateFile() + " cannot be used: it is a directory");
		}
		assertThat(this.heartbeat.stateFile()).contains(fallback());
		assertThat(HeartbeatState.read(fallback())).isPresent();
	}

	@Test
	void aSymlinkAtTheLockPathFallsBackAndItsTargetIsNeverWritten() throws IOException {
		Path victim = Files.writeString(this.directory.resolve("victim"), "precious");
		Files.createSymbolicLink(lockFile(), victim);
		this.heartbeat = withFallback();
		this.heartbeat.start();
		assertThat(this.heartbeat.stateFile()).contains(fallback());
		assertThat(victim).hasContent("precious");
		assertThat(stateFile()).doesNotExist();
	}

	@Test
	void aDirectoryAtTheLockPathFallsBack() throws IOException {
		Files.createDirectory(lockFile());
		this.heartbeat = withFallback();
		this.heartbeat.start();
		assertThat(this.heartbeat.stateFile()).contains(fallback());
		assertThat(HeartbeatState.read(fallback())).isPresent();
	}

	@Test
	void aFallbackThatCannotBeUsedIsPassedOverForTheNext() throws IOException {
		// a name that others can predict, planted, then one they cannot
		Files.createDirectory(stateFile());
		Files.createDirectory(fallback());
		Path unpredictable = this.directory.resolve("app-" + ProcessIdentity.pid() + "-5eed.heartbeat");
		this.heartbeat = Heartbeat.builder()
			.stateFile(stateFile())
			.fallbackStateFiles(List.of(fallback(), unpredictable))
			.build();
		try (LogRecorder log = new LogRecorder()) {
			this.heartbeat.start();
			assertThat(log.messages(Level.WARN)).singleElement()
				.asString()
				.startsWith("Heartbeat writes its state file " + unpredictable + " instead of " + stateFile() + ": ");
		}
		assertThat(this.heartbeat.stateFile()).contains(unpredictable);
		assertThat(HeartbeatState.read(unpredictable)).isPresent();
	}

	@Test
	void whenTheFallbackCannotBeUsedEitherStartFailsForTheStateFilesReason() throws IOException {
		Files.createDirectory(stateFile());
		Files.createDirectory(fallback());
		this.heartbeat = withFallback();
		assertThatExceptionOfType(UnusableStateFileException.class).isThrownBy(this.heartbeat::start)
			.satisfies((ex) -> assertThat(ex.getStateFile()).isEqualTo(stateFile()))
			.satisfies((ex) -> assertThat(ex.getSuppressed()).singleElement()
				.isInstanceOfSatisfying(UnusableStateFileException.class,
						(fallbackFailure) -> assertThat(fallbackFailure.getStateFile()).isEqualTo(fallback())));
		assertThat(this.heartbeat.isRunning()).isFalse();
	}

	@Test
	void withoutAFallbackAnUnusableStateFileStillFailsStart() throws IOException {
		Files.createDirectory(stateFile());
		this.heartbeat = Heartbeat.builder().stateFile(stateFile()).build();
		assertThatExceptionOfType(UnusableStateFileException.class).isThrownBy(this.heartbeat::start);
		assertThat(this.heartbeat.stateFile()).contains(stateFile());
	}

	@Test
	void anotherUsersFileInAStickyDirectoryCannotBeClaimed() throws IOException {
		// the kernel's rule, judged as if this process ran as another user than the
		// files' owner (as root, it may replace any file)
		Path shared = Files.createDirectory(this.directory.resolve("shared"));
		Files.setAttribute(shared, "unix:mode", 01777);
		Path file = Files.writeString(shared.resolve("app.heartbeat"), "{}");
		int owner = (Integer) Files.getAttribute(file, "unix:uid");
		int anotherUser = owner + 1;
		assertThatExceptionOfType(UnusableStateFileException.class)
			.isThrownBy(() -> stateFileOf(file, anotherUser).claim())
			.satisfies((ex) -> assertThat(ex.getProblem())
				.isEqualTo(UnusableStateFileException.Problem.OWNED_BY_ANOTHER_USER))
			.withMessage("State file " + file
					+ " cannot be used: another user owns it, and its directory lets only a file's owner replace it");
		StateFileChoice choice = new StateFileChoice(stateFileOf(file, anotherUser),
				List.of(stateFileOf(shared.resolve("app-1.heartbeat"), anotherUser)));
		choice.claim();
		assertThat(choice.path()).isEqualTo(shared.resolve("app-1.heartbeat"));
		choice.release(() -> {
		});
	}

	@Test
	void aFileInAStickyDirectoryCanBeClaimedByItsOwnerOrWhenMissing() throws IOException {
		Path shared = Files.createDirectory(this.directory.resolve("shared"));
		Files.setAttribute(shared, "unix:mode", 01777);
		Path file = Files.writeString(shared.resolve("app.heartbeat"), "{}");
		int owner = (Integer) Files.getAttribute(file, "unix:uid");
		claimAndRelease(stateFileOf(file, owner));
		claimAndRelease(stateFileOf(shared.resolve("missing.heartbeat"), owner + 1));
	}

	@Test
	void anotherUsersFileInADirectoryWithoutTheStickyBitCanBeClaimed() throws IOException {
		// the directory's writer may replace any file in it
		Path file = Files.writeString(stateFile(), "{}");
		int owner = (Integer) Files.getAttribute(file, "unix:uid");
		claimAndRelease(stateFileOf(file, owner + 1));
	}

	@Test
	void filesThatAnotherUserLeftInASharedDirectoryNeverStopAHeartbeat() throws Exception {
		// root writes anywhere: the heartbeat must run as another user to meet the files
		// of root
		assumeTrue("root".equals(System.getProperty("user.name")) && run("setpriv", "--version") == 0,
				"the heartbeat runs as user nobody only when this test runs as root, with setpriv");
		Files.setPosixFilePermissions(this.directory, PosixFilePermissions.fromString("rwxr-xr-x"));
		String classPath = ChildJvm.copyEngineClassPath(Files.createDirectory(this.directory.resolve("classes")));
		Path shared = Files.createDirectory(this.directory.resolve("tmp"));
		Files.setAttribute(shared, "unix:mode", 01777);
		// a state file that root's application left, and the lock file of another
		Files.writeString(shared.resolve("left.heartbeat"), "{}");
		Files.setPosixFilePermissions(shared.resolve("left.heartbeat"), PosixFilePermissions.fromString("rw-r--r--"));
		Files.writeString(shared.resolve("locked.heartbeat.lock"), "1\n");
		Files.setPosixFilePermissions(shared.resolve("locked.heartbeat.lock"),
				PosixFilePermissions.fromString("rw-r--r--"));
		for (String name : List.of("left", "locked")) {
			Path stateFile = shared.resolve(name + ".heartbeat");
			Path fallback = shared.resolve(name + "-nobody.heartbeat");
			try (ChildJvm nobody = asNobody(classPath, stateFile.toString(), fallback.toString())) {
				await().atMost(GENEROUS).until(() -> nobody.printed("STARTED") || nobody.printed("FAILED"));
				assertThat(nobody.lines()).as("output of the heartbeat run as nobody on %s", stateFile)
					.contains("STARTED " + nobody.pid() + " " + fallback);
				await().atMost(GENEROUS).until(() -> nobody.printed("BEAT 2"));
				assertThat(nobody.lines()).noneMatch((line) -> line.startsWith("MISSED"));
				assertThat(HeartbeatState.read(fallback).orElseThrow().pid()).isEqualTo(nobody.pid());
				nobody.closeInput();
				assertThat(nobody.process().waitFor(30, TimeUnit.SECONDS)).isTrue();
			}
			// a path chosen on purpose, with no fallback, is refused at start, not
			// missed on every beat
			try (ChildJvm nobody = asNobody(classPath, stateFile.toString())) {
				await().atMost(GENEROUS).until(() -> nobody.printed("STARTED") || nobody.printed("FAILED"));
				assertThat(nobody.lines()).anySatisfy(
						(line) -> assertThat(line).startsWith("FAILED State file " + stateFile + " cannot be used: "));
			}
		}
	}

	private static ChildJvm asNobody(String classPath, String... args) throws IOException {
		return ChildJvm.start(List.of("setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups", "--"),
				classPath, HeartbeatProcess.class, args);
	}

	private static StateFile stateFileOf(Path path, int uid) {
		return new StateFile(path, false, StateFile.DEFAULT_PERMISSIONS, () -> 42L, uid);
	}

	private static void claimAndRelease(StateFile file) {
		assertThatNoException().isThrownBy(file::claim);
		file.release(() -> {
		});
	}

	private Path lockFile() throws IOException {
		return this.directory.toRealPath().resolve("app.heartbeat.lock");
	}

	private static int run(String... command) {
		try {
			return new ProcessBuilder(command).redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.DISCARD)
				.start()
				.waitFor();
		}
		catch (IOException ex) {
			return -1;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return -1;
		}
	}

}
