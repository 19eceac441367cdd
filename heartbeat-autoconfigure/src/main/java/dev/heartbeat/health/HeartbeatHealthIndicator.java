package dev.heartbeat.health;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import dev.heartbeat.Heartbeat;
import dev.heartbeat.HeartbeatException;
import dev.heartbeat.HeartbeatState;
import dev.heartbeat.HeartbeatStatus;
import dev.heartbeat.StateFileReading;
import dev.heartbeat.TargetReport;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * Reports whether this process makes progress, from its heartbeat's state file, as any
 * outside reader would see it: DOWN, with a one-line {@code reason}, when the file is
 * missing, unreadable, written by another process, older than the maximum age or marked
 * stopped, when the last beat could not be written, or when a critical target has
 * escalated (it is still dead after its recovery attempts). With no state file, the last
 * beat kept in memory is judged instead.
 * <p>
 * This is the component for the liveness group. A dead target never takes it down by
 * itself: the target is reported in the {@code targets} detail, recovered, and judged by
 * {@link HeartbeatTargetsHealthIndicator}; only its escalation fails liveness.
 *
 * @since 0.1.0
 */
public class HeartbeatHealthIndicator extends AbstractHealthIndicator {

	private static final long PID = ProcessHandle.current().pid();

	private final Heartbeat heartbeat;

	private final boolean downOnEscalation;

	/**
	 * Create an indicator for a heartbeat, judging ages by the heartbeat's clock, that is
	 * DOWN while a target is escalated.
	 * @param heartbeat the heartbeat whose state file to read
	 */
	public HeartbeatHealthIndicator(Heartbeat heartbeat) {
		this(heartbeat, true);
	}

	/**
	 * Create an indicator for a heartbeat, judging ages by the heartbeat's clock.
	 * @param heartbeat the heartbeat whose state file to read
	 * @param downOnEscalation whether an escalated target takes the indicator DOWN (as
	 * {@code heartbeat.liveness.escalate} says); escalated targets are listed in the
	 * details either way
	 */
	public HeartbeatHealthIndicator(Heartbeat heartbeat, boolean downOnEscalation) {
		super("Heartbeat health check failed");
		this.heartbeat = heartbeat;
		this.downOnEscalation = downOnEscalation;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		Optional<Path> stateFile = this.heartbeat.stateFile();
		stateFile.ifPresent((path) -> builder.withDetail("stateFile", path.toString()));
		// the file is read on every check, as any outside reader would read it
		StateFileReading reading = stateFile.isPresent() ? this.heartbeat.inspectStateFile() : lastStateInMemory();
		Optional<HeartbeatException> failure = this.heartbeat.lastFailure();
		HeartbeatState state = reading.state();
		if (state == null || failure.isPresent()) {
			// a failed write is the cause; whatever the file shows is its symptom
			String problem = Objects.requireNonNullElse(reading.problem(), "the state file holds no beat");
			builder.down()
				.withDetail("reason",
						failure.map((ex) -> "the last beat could not be written: " + ex.getMessage()).orElse(problem));
			return;
		}
		boolean ownLastBeat = isOwnLastBeat(state);
		// our own last beat is aged on the monotonic clock: an NTP step makes it neither
		// stale nor fresh
		Duration age = ownLastBeat
				? this.heartbeat.timeSinceLastBeat().orElseGet(() -> state.age(this.heartbeat.clock()))
				: state.age(this.heartbeat.clock());
		builder.withDetail("beatStatus", String.valueOf(state.status()))
			.withDetail("lastBeat", state.timestamp().toString())
			.withDetail("age", age.toString())
			.withDetail("maxAge", this.heartbeat.maxAge().toString())
			.withDetail("pid", state.pid())
			.withDetail("hostname", state.hostname())
			.withDetail("seq", state.seq())
			.withDetail("targets", state.targets());
		List<TargetReport> escalated = this.heartbeat.isEscalated() ? escalatedTargets() : List.of();
		if (!escalated.isEmpty()) {
			builder.withDetail("escalated", escalated.stream().map(TargetReport::name).toList());
		}
		String problem = problem(state, age, ownLastBeat);
		if (problem == null && this.downOnEscalation && !escalated.isEmpty()) {
			problem = escalation(escalated);
		}
		if (problem != null) {
			builder.down().withDetail("reason", problem);
		}
		else {
			builder.up();
		}
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
		return "escalated: " + String.join(", ", escalated.stream().map(HeartbeatHealthIndicator::escalation).toList());
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
