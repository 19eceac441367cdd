package dev.heartbeat.endpoint;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import dev.heartbeat.BeatOutcome;
import dev.heartbeat.Heartbeat;
import dev.heartbeat.HeartbeatException;
import dev.heartbeat.HeartbeatState;
import dev.heartbeat.HeartbeatStatus;
import dev.heartbeat.PreviousRun;
import dev.heartbeat.TargetReport;
import dev.heartbeat.TargetStatus;
import dev.heartbeat.endpoint.FleetSection.FleetDescriptor;
import dev.heartbeat.tasks.TaskReport;
import dev.heartbeat.tasks.TaskStatus;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.Access;
import org.springframework.boot.actuate.endpoint.OperationResponseBody;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;

/**
 * {@link Endpoint @Endpoint} that shows the heartbeat (its last beat, configuration,
 * targets and latest beat attempts) and triggers a beat. With fleet heartbeats,
 * {@code heartbeat/fleet} shows the fleet.
 * <p>
 * Its access is read-only by default, as Boot restricts the default access of its own
 * endpoints that act on the application ({@code shutdown} and {@code heapdump}, none):
 * exposing it never exposes the write that triggers a beat until
 * {@code management.endpoint.heartbeat.access=unrestricted} grants it.
 *
 * @since 0.1.0
 */
@Endpoint(id = "heartbeat", defaultAccess = Access.READ_ONLY)
public class HeartbeatEndpoint {

	private static final String FLEET = "fleet";

	private final Heartbeat heartbeat;

	private final @Nullable FleetSection fleet;

	/**
	 * Create an endpoint for a heartbeat.
	 * @param heartbeat the heartbeat to show
	 */
	public HeartbeatEndpoint(Heartbeat heartbeat) {
		this(heartbeat, null);
	}

	/**
	 * Create an endpoint for a heartbeat that publishes to a fleet.
	 * @param heartbeat the heartbeat to show
	 * @param fleet the fleet to show under {@code heartbeat/fleet}, or {@code null} for
	 * none
	 */
	public HeartbeatEndpoint(Heartbeat heartbeat, @Nullable FleetSection fleet) {
		this.heartbeat = heartbeat;
		this.fleet = fleet;
	}

	/**
	 * Describe the heartbeat as it is now.
	 * @return the description
	 */
	@ReadOperation
	public HeartbeatDescriptor heartbeat() {
		Heartbeat heartbeat = this.heartbeat;
		return new HeartbeatDescriptor(heartbeat.status(), heartbeat.isRunning(), heartbeat.isEscalated(),
				new ConfigurationDescriptor(heartbeat.stateFile().map(Object::toString).orElse(null),
						heartbeat.interval(), heartbeat.maxAge()),
				heartbeat.lastState().map(StateDescriptor::of).orElse(null),
				heartbeat.lastFailure().map(HeartbeatException::getMessage).orElse(null),
				heartbeat.targetReports().stream().map(TargetDescriptor::of).toList(),
				heartbeat.taskReports().stream().map(TaskDescriptor::of).toList(),
				heartbeat.recentBeats().stream().map(BeatDescriptor::of).toList(),
				heartbeat.previousRun().map(PreviousRunDescriptor::of).orElse(null));
	}

	/**
	 * Describe a section of the heartbeat: {@code fleet}, the members of the fleet with
	 * their state, listed from the store now, and how this instance's writes fare.
	 * @param section the section's name
	 * @return the section, or {@code null} (not found) if there is no such section
	 */
	@ReadOperation
	public @Nullable FleetDescriptor section(@Selector String section) {
		FleetSection fleet = this.fleet;
		return (FLEET.equals(section) && fleet != null) ? fleet.describe() : null;
	}

	/**
	 * Write a beat now, reported to the heartbeat's listeners like a scheduled one. Only
	 * available when the endpoint's access is {@code unrestricted}.
	 * @return the attempt, written or not, or {@code null} (no content) if the heartbeat
	 * is not running
	 */
	@WriteOperation
	public @Nullable BeatDescriptor beat() {
		return this.heartbeat.beatNow().map(BeatDescriptor::of).orElse(null);
	}

	/**
	 * Description of a heartbeat.
	 *
	 * @param status status written with each beat
	 * @param running whether the heartbeat is beating
	 * @param escalated whether a critical target ran out of recovery attempts and is
	 * still dead
	 * @param configuration configuration in force
	 * @param state last beat that was written, as in the state file, or {@code null}
	 * before the first
	 * @param lastFailure why the most recent beat could not be written, or {@code null}
	 * if it was
	 * @param targets each watched target
	 * @param tasks each watched scheduled task
	 * @param recentBeats latest beat attempts, oldest first
	 * @param previousRun how the previous run of the application ended, or {@code null}
	 * if the start found none
	 * @since 0.1.0
	 */
	public record HeartbeatDescriptor(HeartbeatStatus status, boolean running, boolean escalated,
			ConfigurationDescriptor configuration, @Nullable StateDescriptor state, @Nullable String lastFailure,
			List<TargetDescriptor> targets, List<TaskDescriptor> tasks, List<BeatDescriptor> recentBeats,
			@Nullable PreviousRunDescriptor previousRun) implements OperationResponseBody {

	}

	/**
	 * Configuration a heartbeat runs with.
	 *
	 * @param stateFile absolute path of the state file, or {@code null} if beats are kept
	 * in memory
	 * @param interval time between two beats
	 * @param maxAge oldest a beat may be before it is stale
	 * @since 0.1.0
	 */
	public record ConfigurationDescriptor(@Nullable String stateFile, Duration interval, Duration maxAge) {

	}

	/**
	 * One beat, with the keys and values of the state file.
	 *
	 * @param timestamp when the beat was written
	 * @param pid process that wrote it
	 * @param hostname host of that process
	 * @param metadata static and contributed values
	 * @param status status of the process
	 * @param seq beat counter
	 * @param interval interval in seconds
	 * @param targets status of each target by name
	 * @param staleAfter time after which the beat is stale
	 * @param uncleanRestarts runs in a row before this one that ended without a clean
	 * stop
	 * @param lateBy milliseconds the beat started after its time on the schedule, or
	 * {@code null} for a beat off the schedule
	 * @param maxPause longest garbage-collection pause since the previous beat, in
	 * milliseconds, or {@code null} if unknown
	 * @since 0.1.0
	 */
	public record StateDescriptor(Instant timestamp, long pid, String hostname, Map<String, Object> metadata,
			@Nullable HeartbeatStatus status, long seq, @Nullable Long interval, Map<String, TargetStatus> targets,
			@Nullable Instant staleAfter, long uncleanRestarts, @Nullable Long lateBy, @Nullable Long maxPause) {

		static StateDescriptor of(HeartbeatState state) {
			Duration interval = state.interval();
			return new StateDescriptor(state.timestamp(), state.pid(), state.hostname(), state.metadata(),
					state.status(), state.seq(), (interval != null) ? interval.toSeconds() : null, state.targets(),
					state.staleAfter(), state.uncleanRestarts(), millis(state.lateBy()), millis(state.maxPause()));
		}

		private static @Nullable Long millis(@Nullable Duration duration) {
			return (duration != null) ? duration.toMillis() : null;
		}

	}

	/**
	 * How the previous run of the application ended, as its state file told at start.
	 *
	 * @param pid process that wrote the last beat
	 * @param hostname host of that process
	 * @param lastBeat when its last beat was written
	 * @param status status of its last beat, or {@code null} if it did not say
	 * @param clean whether it stopped cleanly (its last status was {@code STOPPED})
	 * @param downtime time from its last beat to this start
	 * @param uncleanRestarts runs in a row that ended without a clean stop, the previous
	 * run included
	 * @since 0.1.0
	 */
	public record PreviousRunDescriptor(long pid, String hostname, Instant lastBeat, @Nullable HeartbeatStatus status,
			boolean clean, Duration downtime, long uncleanRestarts) {

		static PreviousRunDescriptor of(PreviousRun run) {
			return new PreviousRunDescriptor(run.pid(), run.hostname(), run.lastBeat(), run.status(), run.clean(),
					run.downtime(), run.uncleanRestarts());
		}

	}

	/**
	 * What the heartbeat knows of one target.
	 *
	 * @param name name the target is reported under
	 * @param status what the target counts as
	 * @param critical whether the target escalates when its recovery attempts run out
	 * @param consecutiveFailures checks in a row that found the target dead
	 * @param recoveryAttempts recovery attempts since the target died
	 * @param lastChange when the status last changed, or {@code null} if it never did
	 * @param escalated whether the target ran out of recovery attempts and was escalated
	 * @param reason why the last check counted as dead when it did not simply say so, or
	 * {@code null}
	 * @since 0.1.0
	 */
	public record TargetDescriptor(String name, TargetStatus status, boolean critical, int consecutiveFailures,
			int recoveryAttempts, @Nullable Instant lastChange, boolean escalated, @Nullable String reason) {

		static TargetDescriptor of(TargetReport report) {
			return new TargetDescriptor(report.name(), report.status(), report.critical(), report.consecutiveFailures(),
					report.recoveryAttempts(), report.lastChange(), report.escalated(), report.reason());
		}

	}

	/**
	 * What the heartbeat knows of one scheduled task.
	 *
	 * @param name name of the task, such as {@code reportJob.export}
	 * @param schedule when it runs, in words
	 * @param status its state, as last judged
	 * @param reason why it is not {@code OK}, or {@code null}
	 * @param lastStart when its last run started, or {@code null} if it never ran
	 * @param lastOutcome how its last run went: {@code NONE}, {@code RUNNING},
	 * {@code SUCCEEDED} or {@code FAILED}
	 * @param lastDuration how long its last finished run took, or {@code null} if its
	 * scheduler does not report runs
	 * @param nextRun when its next run is expected, or {@code null} if unknown
	 * @param lastSuccess when it last succeeded, or {@code null}
	 * @param succeeded runs that returned, where the scheduler reports runs
	 * @param failed runs that threw, where the scheduler reports runs
	 * @param critical whether it escalates when {@code OVERDUE} or {@code STUCK}
	 * @param grace how late a run may start
	 * @param maxRuntime how long a run may take, or {@code null} for no limit
	 * @since 0.1.0
	 */
	public record TaskDescriptor(String name, String schedule, TaskStatus status, @Nullable String reason,
			@Nullable Instant lastStart, String lastOutcome, @Nullable Duration lastDuration, @Nullable Instant nextRun,
			@Nullable Instant lastSuccess, long succeeded, long failed, boolean critical, Duration grace,
			@Nullable Duration maxRuntime) {

		static TaskDescriptor of(TaskReport report) {
			return new TaskDescriptor(report.name(), report.schedule().description(), report.status(), report.reason(),
					report.lastStart(), report.lastRun().name(), report.lastDuration(), report.nextRun(),
					report.lastSuccess(), report.succeeded(), report.failed(), report.critical(), report.grace(),
					report.maxRuntime());
		}

	}

	/**
	 * One beat attempt.
	 *
	 * @param seq beat counter of the attempt
	 * @param timestamp when the beat was made
	 * @param duration time taken to build and write the beat
	 * @param success whether the beat was written
	 * @param failure why the beat could not be written, or {@code null} if it was
	 * @since 0.1.0
	 */
	public record BeatDescriptor(long seq, Instant timestamp, Duration duration, boolean success,
			@Nullable String failure) implements OperationResponseBody {

		static BeatDescriptor of(BeatOutcome outcome) {
			HeartbeatException failure = outcome.failure();
			return new BeatDescriptor(outcome.seq(), outcome.timestamp(), outcome.duration(), outcome.isSuccess(),
					(failure != null) ? failure.getMessage() : null);
		}

	}

}
