package dev.heartbeat;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;

import ch.qos.logback.classic.Level;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

class StateFileLockTests {

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

	@Test
	void aSecondProcessIsRefusedNamingThePidOfTheFirstUntilTheFirstIsKilled() throws Exception {
		this.heartbeat = Heartbeat.builder().stateFile(stateFile()).build();
		try (ChildJvm first = ChildJvm.start(HeartbeatProcess.class, stateFile().toString())) {
			await().atMost(GENEROUS).until(() -> first.printed("STARTED"));
			assertThatExceptionOfType(StateFileLockedException.class).isThrownBy(this.heartbeat::start)
				.withMessageContaining("already written by another process (pid " + first.pid() + ",")
				.satisfies((ex) -> assertThat(ex.getHolderPid()).hasValue(first.pid()))
				.satisfies((ex) -> assertThat(ex.getLockFile()).isEqualTo(lockFile()));
			assertThat(this.heartbeat.isRunning()).isFalse();
		}
		// SIGKILL: the OS lets the lock go with the process
		this.heartbeat.start();
		assertThat(HeartbeatState.read(stateFile()).orElseThrow().pid()).isEqualTo(ProcessHandle.current().pid());
	}

	@Test
	void theLockIsReleasedAtStop() throws Exception {
		this.heartbeat = Heartbeat.builder().stateFile(stateFile()).build();
		this.heartbeat.start();
		try (ChildJvm refused = ChildJvm.start(HeartbeatProcess.class, stateFile().toString())) {
			await().atMost(GENEROUS).until(() -> refused.printed("FAILED"));
			assertThat(refused.lines()).anySatisfy((line) -> assertThat(line)
				.contains("already written by another process (pid " + ProcessHandle.current().pid() + ","));
		}
		this.heartbeat.stop();
		try (ChildJvm next = ChildJvm.start(HeartbeatProcess.class, stateFile().toString())) {
			await().atMost(GENEROUS).until(() -> next.printed("STARTED"));
			await().atMost(GENEROUS).until(() -> HeartbeatState.read(stateFile()).orElseThrow().pid() == next.pid());
		}
	}

	@Test
	void heartbeatsOfOneJvmShareTheFileAndTheLastToStopAppliesTheStopAction() throws IOException {
		Heartbeat first = Heartbeat.builder().stateFile(stateFile()).build();
		Heartbeat second = Heartbeat.builder().stateFile(stateFile()).build();
		first.start();
		try {
			second.start();
			assertThat(second.isRunning()).isTrue();
			first.stop();
			assertThat(HeartbeatState.read(stateFile()).orElseThrow().status()).isEqualTo(HeartbeatStatus.UP);
			second.beat();
			second.stop();
			assertThat(HeartbeatState.read(stateFile()).orElseThrow().status()).isEqualTo(HeartbeatStatus.STOPPED);
		}
		finally {
			first.stop();
			second.stop();
		}
		// the last one let the lock go: another process may take the file now
		try (ChildJvm next = ChildJvm.start(HeartbeatProcess.class, stateFile().toString())) {
			await().atMost(GENEROUS).until(() -> next.printed("STARTED") || next.printed("FAILED"));
			assertThat(next.lines()).anySatisfy((line) -> assertThat(line).startsWith("STARTED"));
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	@Test
	void theLockFilesChannelIsClosedEvenWhenReleasingTheLockFails() throws IOException {
		FileChannel channel = FileChannel.open(lockFile(), StandardOpenOption.CREATE, StandardOpenOption.READ,
				StandardOpenOption.WRITE);
		FileLock failing = new FileLock(channel, 0, Long.MAX_VALUE, false) {

			@Override
			public boolean isValid() {
				return channel.isOpen();
			}

			@Override
			public void release() throws IOException {
				throw new IOException("release failed");
			}

		};
		try (LogRecorder log = new LogRecorder()) {
			new StateFileLock.Held(channel, failing).close();
			assertThat(channel.isOpen()).isFalse();
			assertThat(log.count(Level.WARN, "release failed")).isOne();
		}
	}

	private Path lockFile() throws IOException {
		return this.directory.toRealPath().resolve("app.heartbeat.lock");
	}

}
