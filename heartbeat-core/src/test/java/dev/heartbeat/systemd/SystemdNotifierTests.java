package dev.heartbeat.systemd;

import java.io.IOException;
import java.nio.file.Path;

import dev.heartbeat.LogRecorder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class SystemdNotifierTests {

	@TempDir
	Path directory;

	@Test
	void sendsEachMessageAsOneDatagramToAPathSocket() throws IOException {
		try (NotifySocket socket = NotifySocket.at(this.directory.resolve("notify"))) {
			SystemdNotifier notifier = new SystemdNotifier(socket.address());
			assertThat(notifier.send("READY=1")).isTrue();
			assertThat(notifier.send("WATCHDOG=1\nSTATUS=Heartbeat UP, beat 2, no targets")).isTrue();
			assertThat(socket.receive()).isEqualTo("READY=1");
			assertThat(socket.receive()).isEqualTo("WATCHDOG=1\nSTATUS=Heartbeat UP, beat 2, no targets");
		}
	}

	@Test
	void sendsToASocketInTheAbstractNamespace() throws IOException {
		try (NotifySocket socket = NotifySocket.inAbstractNamespace()) {
			assertThat(socket.address()).startsWith("@");
			assertThat(new SystemdNotifier(socket.address()).send("READY=1")).isTrue();
			assertThat(socket.receive()).isEqualTo("READY=1");
		}
	}

	@Test
	void failureIsLoggedOncePerEpisodeAndNeverThrown() throws IOException {
		try (LogRecorder log = new LogRecorder(SystemdNotifier.class.getName())) {
			failureIsLoggedOncePerEpisodeAndNeverThrown(log);
		}
	}

	private void failureIsLoggedOncePerEpisodeAndNeverThrown(LogRecorder log) throws IOException {
		Path path = this.directory.resolve("notify");
		String warning = "Heartbeat could not notify systemd at " + path + ": ";
		SystemdNotifier notifier = new SystemdNotifier(path.toString());
		assertThat(notifier.send("WATCHDOG=1")).isFalse();
		assertThat(notifier.send("WATCHDOG=1")).isFalse();
		assertThat(log.count(warning)).isOne();
		try (NotifySocket socket = NotifySocket.at(path)) {
			assertThat(notifier.send("WATCHDOG=1")).isTrue();
			assertThat(notifier.send("WATCHDOG=1")).isTrue();
			assertThat(socket.drain()).containsExactly("WATCHDOG=1", "WATCHDOG=1");
		}
		// the socket is gone again: a new episode, logged again, once
		assertThat(notifier.send("WATCHDOG=1")).isFalse();
		assertThat(notifier.send("WATCHDOG=1")).isFalse();
		assertThat(log.count(warning)).isEqualTo(2);
	}

	@Test
	void onlyAbsolutePathsAndAbstractNamesAreSupported() {
		assertThat(SystemdNotifier.isSupported("/run/systemd/notify")).isTrue();
		assertThat(SystemdNotifier.isSupported("@/org/freedesktop/systemd1/notify")).isTrue();
		assertThat(SystemdNotifier.isSupported("vsock:2:1234")).isFalse();
		assertThat(SystemdNotifier.isSupported("run/notify")).isFalse();
		assertThat(SystemdNotifier.isSupported("@")).isFalse();
		assertThatIllegalArgumentException().isThrownBy(() -> new SystemdNotifier("vsock:2:1234"))
			.withMessageContaining("vsock:2:1234");
	}

}
