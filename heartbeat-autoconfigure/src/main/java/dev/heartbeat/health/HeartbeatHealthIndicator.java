package dev.heartbeat.health;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import dev.heartbeat.Heartbeat;
import dev.heartbeat.HeartbeatException;
import dev.heartbeat.HeartbeatState;
import dev.heartbeat.HeartbeatStatus;
import dev.heartbeat.StateFileReading;
import dev.heartbeat.TargetReport;
import dev.heartbeat.TargetStatus;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * Reports the heartbeat's health from its state file, as any outside reader would see it:
 * DOWN, with a one-line {@code reason}, when the file is missing, unreadable, written by
 * another process, older than the maximum age, marked stopped, or names a dead target, or
 * when the last beat could not be written. With no state file, the last beat kept in
 * memory is judged instead.
 *
 * @since 0.1.0
 */
public class HeartbeatHealthIndicator extends AbstractHealthIndicator {

	private static final long PID = ProcessHandle.current().pid();

	private final Heartbeat heartbeat;

	/**
	 * Create an indicator for a heartbeat, judging ages by the heartbeat's clock.
	 * @param heartbeat the heartbeat whose state file to read
	 */
	public HeartbeatHealthIndicator(Heartbeat heartbeat) {
		super("Heartbeat health check failed");
		this.heartbeat = heartbeat;
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
		if (this.heartbeat.isEscalated()) {
			builder.withDetail("escalated",
					this.heartbeat.targetReports()
						.stream()
						.filter(TargetReport::escalated)
						.map(TargetReport::name)
						.toList());
		}
		String problem = problem(state, age, ownLastBeat);
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
		if (!state.hasDeadTarget()) {
			return null;
		}
		// a non-critical target is only reported: it never takes the heartbeat down
		Map<String, TargetReport> reports = this.heartbeat.targetReports()
			.stream()
			.collect(Collectors.toMap(TargetReport::name, Function.identity()));
		List<String> dead = state.targets()
			.entrySet()
			.stream()
			.filter((target) -> target.getValue() == TargetStatus.DEAD)
			.map(Map.Entry::getKey)
			.filter((name) -> reports.get(name) == null || reports.get(name).critical())
			.map((name) -> describe(name, reports.get(name)))
			.toList();
		return dead.isEmpty() ? null : "dead target" + ((dead.size() > 1) ? "s: " : ": ") + String.join(", ", dead);
	}

	private static String describe(String name, @Nullable TargetReport report) {
		return (report != null && report.reason() != null) ? name + " (" + report.reason() + ")" : name;
	}

}
