package dev.heartbeat.health;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import dev.heartbeat.Heartbeat;
import dev.heartbeat.HeartbeatException;
import dev.heartbeat.HeartbeatState;
import dev.heartbeat.HeartbeatStatus;
import dev.heartbeat.StateFileReading;
import dev.heartbeat.TargetReport;
import dev.heartbeat.health.HealthReport.Status;
import org.jspecify.annotations.Nullable;

/**
 * The check behind {@link HeartbeatHealthIndicator}: whether this process makes progress,
 * from its state file as any outside reader would see it.
 */
final class HeartbeatHealthCheck {

	private static final long PID = ProcessHandle.current().pid();

	private final Heartbeat heartbeat;

	private final boolean downOnEscalation;

	HeartbeatHealthCheck(Heartbeat heartbeat, boolean downOnEscalation) {
		this.heartbeat = heartbeat;
		this.downOnEscalation = downOnEscalation;
	}

	HealthReport check() {
		Map<String, Object> details = new LinkedHashMap<>();
		Optional<Path> stateFile = this.heartbeat.stateFile();
		stateFile.ifPresent((path) -> details.put("stateFile", path.toString()));
		// the file is read on every check, as any outside reader would read it
		StateFileReading reading = stateFile.isPresent() ? this.heartbeat.inspectStateFile() : lastStateInMemory();
		Optional<HeartbeatException> failure = this.heartbeat.lastFailure();
		HeartbeatState state = reading.state();
		if (state == null || failure.isPresent()) {
			// a failed write is the cause; whatever the file shows is its symptom
			String problem = Objects.requireNonNullElse(reading.problem(), "the state file holds no beat");
			details.put("reason",
					failure.map((ex) -> "the last beat could not be written: " + ex.getMessage()).orElse(problem));
			return new HealthReport(Status.DOWN, details);
		}
		boolean ownLastBeat = isOwnLastBeat(state);
		// our own last beat is aged on the monotonic clock: an NTP step makes it neither
		// stale nor fresh
		Duration age = ownLastBeat
				? this.heartbeat.timeSinceLastBeat().orElseGet(() -> state.age(this.heartbeat.clock()))
				: state.age(this.heartbeat.clock());
		details.put("beatStatus", String.valueOf(state.status()));
		details.put("lastBeat", state.timestamp().toString());
		details.put("age", age.toString());
		details.put("maxAge", this.heartbeat.maxAge().toString());
		details.put("pid", state.pid());
		details.put("hostname", state.hostname());
		details.put("seq", state.seq());
		details.put("targets", state.targets());
		List<TargetReport> escalated = this.heartbeat.isEscalated() ? escalatedTargets() : List.of();
		if (!escalated.isEmpty()) {
			details.put("escalated", escalated.stream().map(TargetReport::name).toList());
		}
		String problem = problem(state, age, ownLastBeat);
		if (problem == null && this.downOnEscalation && !escalated.isEmpty()) {
			problem = escalation(escalated);
		}
		if (problem != null) {
			details.put("reason", problem);
			return new HealthReport(Status.DOWN, details);
		}
		return new HealthReport(Status.UP, details);
	}

	private StateFileReading lastStateInMemory() {
		return this.heartbeat.lastState()
			.map((state) -> new StateFileReading(state, null))
			.orElseGet(() -> new StateFileReading(null, "no beat has been made yet"));
	}

	private boolean isOwnLastBeat(HeartbeatState state) {
		return state.pid() == PID && this.heartbeat.lastState()
			.map((last) -> last.seq() == state.seq() && last.timestamp().equals(state.timestamp()))
			.orElse(false);
	}

	private @Nullable String problem(HeartbeatState state, Duration age, boolean ownLastBeat) {
		if (state.pid() != PID) {
			return "the state file was written by another process (pid " + state.pid() + ")";
		}
		if (state.status() == HeartbeatStatus.STOPPED) {
			return "the heartbeat has stopped";
		}
		boolean fresh = ownLastBeat ? age.compareTo(this.heartbeat.maxAge()) <= 0
				: state.isFresh(this.heartbeat.maxAge(), this.heartbeat.clock());
		if (!fresh) {
			return (age.isNegative()) ? "the last beat is " + age.negated() + " in the future"
					: "the last beat is " + age + " old, older than the maximum age of " + this.heartbeat.maxAge();
		}
		return null;
	}

	private List<TargetReport> escalatedTargets() {
		return this.heartbeat.targetReports().stream().filter(TargetReport::escalated).toList();
	}

	private static String escalation(List<TargetReport> escalated) {
		return "escalated: " + String.join(", ", escalated.stream().map(HeartbeatHealthCheck::escalation).toList());
	}

	private static String escalation(TargetReport report) {
		if (report.recoveryAttempts() == 0) {
			// escalated at once, as a deadlock is: why it is dead says more than attempts
			String reason = report.reason();
			return report.name() + " is dead" + ((reason != null) ? " (" + reason + ")" : "");
		}
		return report.name() + " is still dead after " + report.recoveryAttempts() + " recovery attempt"
				+ ((report.recoveryAttempts() != 1) ? "s" : "");
	}

}
