package dev.heartbeat.systemd;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SystemdEnvironmentTests {

	private static final String PID = Long.toString(ProcessHandle.current().pid());

	@Test
	void readsTheVariablesSystemdSets() {
		SystemdEnvironment systemd = SystemdEnvironment
			.of(Map.of("NOTIFY_SOCKET", "/run/systemd/notify", "WATCHDOG_USEC", "30000000", "WATCHDOG_PID", PID)::get);
		assertThat(systemd.notifySocket()).contains("/run/systemd/notify");
		assertThat(systemd.watchdogTimeout()).contains(Duration.ofSeconds(30));
		assertThat(systemd.watchdogPid()).contains(PID);
		assertThat(systemd.isForThisProcess()).isTrue();
	}

	@Test
	void unsetOrBlankVariablesAreEmptyAndMeantForThisProcess() {
		SystemdEnvironment systemd = SystemdEnvironment.of(Map.of("NOTIFY_SOCKET", " ", "WATCHDOG_PID", "")::get);
		assertThat(systemd.notifySocket()).isEmpty();
		assertThat(systemd.watchdogTimeout()).isEmpty();
		assertThat(systemd.watchdogPid()).isEmpty();
		assertThat(systemd.isForThisProcess()).isTrue();
	}

	@Test
	void watchdogOfAnotherProcessIsNotForThisOne() {
		String other = Long.toString(ProcessHandle.current().pid() + 1);
		assertThat(SystemdEnvironment.of(Map.of("WATCHDOG_PID", other)::get).isForThisProcess()).isFalse();
		assertThat(SystemdEnvironment.of(Map.of("WATCHDOG_PID", "main")::get).isForThisProcess()).isFalse();
	}

	@Test
	void watchdogTimeoutThatIsNotAPositiveNumberIsIgnored() {
		assertThat(SystemdEnvironment.of(Map.of("WATCHDOG_USEC", "30s")::get).watchdogTimeout()).isEmpty();
		assertThat(SystemdEnvironment.of(Map.of("WATCHDOG_USEC", "0")::get).watchdogTimeout()).isEmpty();
		assertThat(SystemdEnvironment.of(Map.of("WATCHDOG_USEC", "-5")::get).watchdogTimeout()).isEmpty();
		assertThat(SystemdEnvironment.of(Map.of("WATCHDOG_USEC", "1500")::get).watchdogTimeout())
			.contains(Duration.ofNanos(1_500_000));
	}

}
