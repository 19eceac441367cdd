package dev.heartbeat.fault;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import ch.qos.logback.classic.Level;
import dev.heartbeat.BeatOutcome;
import dev.heartbeat.ChildJvm;
import dev.heartbeat.Heartbeat;
import dev.heartbeat.HeartbeatProcess;
import dev.heartbeat.HeartbeatState;
import dev.heartbeat.LogRecorder;
import dev.heartbeat.RecordingListener;
import dev.heartbeat.health.HealthView;
import dev.heartbeat.health.HeartbeatHealthIndicator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.util.FileSystemUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Each file system fault, injected while a heartbeat runs with a one-second interval: the
 * fault is reported (a missed beat, health DOWN naming the cause, one WARN per episode),
 * beats go on being attempted, and the first beat after the fault clears lands, with no
 * temp file left.
 */
class FileSystemFaultTests {

	private static final Duration GENEROUS = Duration.ofSeconds(30);

	@TempDir
	Path directory;

	private final RecordingListener listener = new RecordingListener();

	private LogRecorder log;

	private Heartbeat heartbeat;

	private Path mounted;

	@BeforeEach
	void recordLogs() {
		this.log = new LogRecorder();
	}

	@AfterEach
	void stopHeartbeatAndUnmount() throws Exception {
		if (this.heartbeat != null) {
			// before unmounting: the heartbeat holds its lock file open
			this.heartbeat.stop();
		}
		if (this.mounted != null) {
			run("umount", this.mounted.toString());
		}
		this.log.close();
	}

	private Heartbeat start(Path stateFile) {
		this.heartbeat = Heartbeat.builder()
			.stateFile(stateFile)
			.interval(Duration.ofSeconds(1))
			.listener(this.listener)
			.build();
		this.heartbeat.start();
		return this.heartbeat;
	}

	private HealthView health() {
		return HealthView.of(new HeartbeatHealthIndicator(this.heartbeat));
	}

	@Test
	void diskFull() throws Exception {
		Path disk = Files.createDirectory(this.directory.resolve("disk"));
		assumeTrue(run("mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", disk.toString()) == 0,
				"a tmpfs cannot be mounted here (the test must run as root, with mounts allowed)");
		this.mounted = disk;
		Path stateFile = disk.resolve("app.heartbeat");
		start(stateFile);
		Path filler = disk.resolve("filler");
		fill(filler);
		awaitEpisode("No space left on device");
		Files.delete(filler);
		assertEveryBeatLandsAfter(Instant.now(), disk, stateFile);
	}

	@Test
	void parentDirectoryDeleted() throws IOException {
		Path parent = this.directory.resolve("run");
		Path stateFile = parent.resolve("app.heartbeat");
		start(stateFile);
		FileSystemUtils.deleteRecursively(parent);
		// the next beat makes the directory again: nothing is missed
		assertEveryBeatLandsAfter(Instant.now(), parent, stateFile);
		assertThat(this.listener.missed).isEmpty();
	}

	@Test
	void statePathReplacedByADirectory() throws IOException {
		Path stateFile = this.directory.resolve("app.heartbeat");
		start(stateFile);
		Files.delete(stateFile);
		Files.createDirectory(stateFile);
		awaitEpisode("Is a directory");
		Files.delete(stateFile);
		assertEveryBeatLandsAfter(Instant.now(), this.directory, stateFile);
	}

	@Test
	void statePathReplacedByADanglingSymlink() throws IOException {
		Path stateFile = this.directory.resolve("app.heartbeat");
		Path target = this.directory.resolve("gone/target.heartbeat");
		start(stateFile);
		Files.delete(stateFile);
		Files.createSymbolicLink(stateFile, target);
		// the rename replaces the link itself: its target is never written
		assertEveryBeatLandsAfter(Instant.now(), this.directory, stateFile);
		assertThat(Files.isSymbolicLink(stateFile)).isFalse();
		assertThat(target.getParent()).doesNotExist();
		assertThat(this.listener.missed).isEmpty();
	}

	@Test
	void directoryNotWritable() throws Exception {
		// root writes anywhere: the heartbeat must run as another user to meet the fault
		assumeTrue("root".equals(System.getProperty("user.name")) && run("setpriv", "--version") == 0,
				"the heartbeat runs as user nobody only when this test runs as root, with setpriv");
		Path shared = Files.createDirectory(this.directory.resolve("shared"));
		Path writable = Files.createDirectory(shared.resolve("run"));
		Files.setPosixFilePermissions(this.directory, PosixFilePermissions.fromString("rwxr-xr-x"));
		Files.setPosixFilePermissions(shared, PosixFilePermissions.fromString("rwxr-xr-x"));
		Files.setPosixFilePermissions(writable, PosixFilePermissions.fromString("rwxrwxrwx"));
		String classPath = ChildJvm.copyEngineClassPath(Files.createDirectory(shared.resolve("classes")));
		Path stateFile = writable.resolve("app.heartbeat");
		try (ChildJvm nobody = ChildJvm.start(
				List.of("setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups", "--"), classPath,
				HeartbeatProcess.class, stateFile.toString())) {
			await().atMost(GENEROUS).until(() -> nobody.printed("STARTED") || nobody.printed("FAILED"));
			assertThat(nobody.lines()).as("output of the heartbeat run as nobody")
				.anySatisfy((line) -> assertThat(line).startsWith("STARTED"));
			Files.setPosixFilePermissions(writable, PosixFilePermissions.fromString("r-xr-xr-x"));
			await().atMost(GENEROUS)
				.until(() -> nobody.lines().stream().filter((line) -> line.startsWith("MISSED")).count() >= 2);
			assertThat(nobody.lines()).filteredOn((line) -> line.startsWith("MISSED"))
				.allSatisfy((line) -> assertThat(line).contains("AccessDeniedException"));
			Files.setPosixFilePermissions(writable, PosixFilePermissions.fromString("rwxrwxrwx"));
			Instant cleared = Instant.now();
			await().atMost(GENEROUS).until(() -> !outcomesAfter(nobody, cleared).isEmpty());
			// each beat that began once the directory was writable again landed (the one
			// under way at that moment may have failed); told by the beats' own times,
			// not by when their lines reached this process
			assertThat(outcomesAfter(nobody, cleared)).allSatisfy((line) -> assertThat(line).endsWith(" landed"));
			// the child logs through java.util.logging: once per episode, not once per
			// beat
			assertThat(nobody.lines()).filteredOn((line) -> line.contains("trying again on every beat")).hasSize(1);
			assertThat(HeartbeatState.read(stateFile).orElseThrow().pid()).isEqualTo(nobody.pid());
			assertThat(tempFiles(writable)).isEmpty();
			nobody.closeInput();
			assertThat(nobody.process().waitFor(30, TimeUnit.SECONDS)).isTrue();
		}
	}

	/**
	 * Wait until at least three beats in a row were missed with the given cause, and
	 * check how the episode is reported.
	 */
	private void awaitEpisode(String cause) {
		await().atMost(GENEROUS).until(() -> this.listener.missed.size() >= 3);
		HealthView health = health();
		assertThat(health.status()).isEqualTo("DOWN");
		assertThat(health.details().get("reason")).asString()
			.startsWith("the last beat could not be written: ")
			.contains(cause);
		assertThat(this.listener.missed).allSatisfy((missed) -> assertThat(missed).hasMessageContaining(cause));
		// beats go on being attempted, every interval, each with the next seq
		List<Long> seqs = this.heartbeat.recentBeats().stream().map(BeatOutcome::seq).toList();
		for (int i = 1; i < seqs.size(); i++) {
			assertThat(seqs.get(i)).isEqualTo(seqs.get(i - 1) + 1);
		}
		// once per episode, not once per beat
		assertThat(this.log.count(Level.WARN, "Failed to write heartbeat")).isOne();
	}

	/**
	 * Check that every beat that began after the given moment (the fault cleared, or one
	 * that a beat repairs was made) landed, the one under way at that moment aside; that
	 * health is UP again; and that no temp file is left. A beat's timestamp is taken
	 * before it writes: how late this thread got here does not matter.
	 */
	private void assertEveryBeatLandsAfter(Instant cleared, Path directory, Path stateFile) throws IOException {
		await().atMost(GENEROUS)
			.until(() -> this.heartbeat.lastState().map((state) -> state.timestamp().isAfter(cleared)).orElse(false)
					&& this.heartbeat.lastFailure().isEmpty());
		assertThat(this.heartbeat.recentBeats()).filteredOn((outcome) -> outcome.timestamp().isAfter(cleared))
			.isNotEmpty()
			.allMatch(BeatOutcome::isSuccess);
		assertThat(Files.isRegularFile(stateFile, LinkOption.NOFOLLOW_LINKS)).isTrue();
		assertThat(health().status()).isEqualTo("UP");
		assertThat(tempFiles(directory)).isEmpty();
		if (!this.listener.missed.isEmpty()) {
			assertThat(this.log.count(Level.INFO, "writes its state file again")).isOne();
		}
	}

	private static List<String> outcomesAfter(ChildJvm child, Instant moment) {
		return child.lines()
			.stream()
			.filter((line) -> line.startsWith("OUTCOME "))
			.filter((line) -> Instant.parse(line.split(" ")[2]).isAfter(moment))
			.toList();
	}

	private static void fill(Path filler) {
		try (OutputStream out = Files.newOutputStream(filler)) {
			byte[] block = new byte[4096];
			for (int i = 0; i < 1024; i++) {
				out.write(block);
				out.flush();
			}
			throw new IllegalStateException("a 64 KiB file system took 4 MiB");
		}
		catch (IOException ex) {
			assertThat(ex).hasMessageContaining("No space left on device");
		}
	}

	private static List<Path> tempFiles(Path directory) throws IOException {
		try (Stream<Path> files = Files.list(directory)) {
			return files.filter((path) -> path.getFileName().toString().endsWith(".tmp")).toList();
		}
	}

	private static int run(String... command) throws InterruptedException {
		try {
			Process process = new ProcessBuilder(command).redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.DISCARD)
				.start();
			return process.waitFor(30, TimeUnit.SECONDS) ? process.exitValue() : -1;
		}
		catch (IOException ex) {
			return -1;
		}
	}

}
