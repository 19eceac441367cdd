package dev.heartbeat.systemd;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.heartbeat.HeartbeatState;
import dev.heartbeat.HeartbeatStatus;
import dev.heartbeat.HeartbeatTarget;
import dev.heartbeat.TargetStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class SystemdWatchdogTests {

	private static final HeartbeatTarget FEED = () -> true;

	@TempDir
	Path directory;

	private NotifySocket socket;

	@BeforeEach
	void bind() throws IOException {
		this.socket = NotifySocket.at(this.directory.resolve("notify"));
	}

	@AfterEach
	void close() throws IOException {
		this.socket.close();
	}

	@Test
	void sendsReadyThenPingsWithStatusThenStopping() throws IOException {
		SystemdWatchdog watchdog = new SystemdWatchdog(new SystemdNotifier(this.socket.address()));
		watchdog.onBeat(state(HeartbeatStatus.STARTING, 1, Map.of()));
		watchdog.ready();
		watchdog.onBeat(state(HeartbeatStatus.UP, 2, Map.of()));
		watchdog.onBeat(state(HeartbeatStatus.UP, 3, Map.of("feed", TargetStatus.ALIVE)));
		watchdog.stopping();
		watchdog.onBeat(state(HeartbeatStatus.STOPPING, 4, Map.of("feed", TargetStatus.ALIVE)));
		watchdog.onBeat(state(HeartbeatStatus.STOPPED, 5, Map.of("feed", TargetStatus.ALIVE)));
		assertThat(this.socket.drain()).containsExactly("READY=1", //
				"WATCHDOG=1\nSTATUS=Heartbeat UP, beat 2, no targets",
				"WATCHDOG=1\nSTATUS=Heartbeat UP, beat 3, 1 target alive", //
				"STOPPING=1", //
				"STATUS=Heartbeat STOPPING, beat 4, 1 target alive",
				"STATUS=Heartbeat STOPPED, beat 5, 1 target alive");
	}

	@Test
	void aServiceStoppedToStartAgainReloadsAndIsReadyAgain() throws IOException {
		SystemdWatchdog watchdog = new SystemdWatchdog(new SystemdNotifier(this.socket.address()));
		// nothing to reload before the service was ready
		watchdog.reloading();
		watchdog.ready();
		watchdog.onBeat(state(HeartbeatStatus.UP, 2, Map.of()));
		watchdog.reloading();
		assertThat(watchdog.isFeeding()).isFalse();
		watchdog.onBeat(state(HeartbeatStatus.STOPPED, 3, Map.of()));
		watchdog.onBeat(state(HeartbeatStatus.STARTING, 4, Map.of()));
		watchdog.ready();
		watchdog.onBeat(state(HeartbeatStatus.UP, 5, Map.of()));
		assertThat(this.socket.drain()).satisfiesExactly((message) -> assertThat(message).isEqualTo("READY=1"),
				(message) -> assertThat(message).isEqualTo("WATCHDOG=1\nSTATUS=Heartbeat UP, beat 2, no targets"),
				// not STOPPING=1: systemd would kill a process that does not exit
				(message) -> assertThat(message).matches("RELOADING=1\nMONOTONIC_USEC=[0-9]+"),
				(message) -> assertThat(message).isEqualTo("STATUS=Heartbeat STOPPED, beat 3, no targets"),
				(message) -> assertThat(message).isEqualTo("STATUS=Heartbeat STARTING, beat 4, no targets"),
				(message) -> assertThat(message).isEqualTo("READY=1"),
				(message) -> assertThat(message).isEqualTo("WATCHDOG=1\nSTATUS=Heartbeat UP, beat 5, no targets"));
	}

	@Test
	void aProcessRestoredAfterItsServiceStoppedIsReadyAgain() throws IOException {
		SystemdWatchdog watchdog = new SystemdWatchdog(new SystemdNotifier(this.socket.address()));
		watchdog.ready();
		watchdog.stopping();
		// a restore from a checkpoint taken as it stopped: a new service, to be told
		watchdog.ready();
		watchdog.onBeat(state(HeartbeatStatus.UP, 2, Map.of()));
		assertThat(this.socket.drain()).containsExactly("READY=1", "STOPPING=1", "READY=1",
				"WATCHDOG=1\nSTATUS=Heartbeat UP, beat 2, no targets");
	}

	@Test
	void escalationTriggersTheWatchdogAndStopsThePingsUntilItClears() throws IOException {
		SystemdWatchdog watchdog = new SystemdWatchdog(new SystemdNotifier(this.socket.address()));
		watchdog.ready();
		watchdog.onBeat(state(HeartbeatStatus.UP, 7, Map.of("feed", TargetStatus.DEAD)));
		watchdog.onEscalated("feed", FEED);
		assertThat(watchdog.isFeeding()).isFalse();
		watchdog.onBeat(state(HeartbeatStatus.UP, 8, Map.of("feed", TargetStatus.DEAD)));
		watchdog.onBeat(state(HeartbeatStatus.UP, 9, Map.of("feed", TargetStatus.ALIVE)));
		watchdog.onEscalationCleared();
		watchdog.onBeat(state(HeartbeatStatus.UP, 10, Map.of("feed", TargetStatus.ALIVE)));
		assertThat(this.socket.drain()).containsExactly("READY=1", //
				"WATCHDOG=1\nSTATUS=Heartbeat UP, beat 7, dead: feed",
				"WATCHDOG=trigger\nSTATUS=Heartbeat escalated: target feed is still dead after its recovery attempts",
				"STATUS=Heartbeat UP, beat 8, dead: feed", //
				"STATUS=Heartbeat UP, beat 9, 1 target alive",
				"WATCHDOG=1\nSTATUS=Heartbeat UP, beat 10, 1 target alive");
	}

	@Test
	void withoutEscalationAnEscalatedTargetOnlyChangesTheStatus() throws IOException {
		SystemdWatchdog watchdog = new SystemdWatchdog(new SystemdNotifier(this.socket.address()), false);
		watchdog.ready();
		watchdog.onEscalated("feed", FEED);
		watchdog.onBeat(state(HeartbeatStatus.UP, 8, Map.of("feed", TargetStatus.DEAD)));
		assertThat(this.socket.drain()).containsExactly("READY=1",
				"STATUS=Heartbeat escalated: target feed is still dead after its recovery attempts",
				"WATCHDOG=1\nSTATUS=Heartbeat UP, beat 8, dead: feed");
	}

	@Test
	void nothingIsSentBeforeReadyNorAnEscalationAfterStopping() throws IOException {
		SystemdWatchdog watchdog = new SystemdWatchdog(new SystemdNotifier(this.socket.address()));
		watchdog.onBeat(state(HeartbeatStatus.STARTING, 1, Map.of()));
		watchdog.onEscalated("feed", FEED);
		assertThat(this.socket.drain()).isEmpty();
		watchdog.onEscalationCleared();
		watchdog.ready();
		watchdog.stopping();
		watchdog.onEscalated("feed", FEED);
		assertThat(this.socket.drain()).containsExactly("READY=1", "STOPPING=1");
	}

	@Test
	void summaryNamesEveryDeadTargetOnOneLine() {
		Map<String, TargetStatus> targets = new LinkedHashMap<>();
		targets.put("feed", TargetStatus.DEAD);
		targets.put("db", TargetStatus.ALIVE);
		targets.put("odd\nname", TargetStatus.DEAD);
		assertThat(SystemdWatchdog.summary(state(HeartbeatStatus.UP, 42, targets)))
			.isEqualTo("Heartbeat UP, beat 42, dead: feed, odd name");
		assertThat(SystemdWatchdog
			.summary(state(HeartbeatStatus.UP, 42, Map.of("feed", TargetStatus.ALIVE, "db", TargetStatus.ALIVE))))
			.isEqualTo("Heartbeat UP, beat 42, 2 targets alive");
	}

	private static HeartbeatState state(HeartbeatStatus status, long seq, Map<String, TargetStatus> targets) {
		return new HeartbeatState(Instant.parse("2026-01-12T10:00:00Z"), ProcessHandle.current().pid(), "host",
				Map.of(), status, seq, Duration.ofSeconds(1), targets);
	}

}
