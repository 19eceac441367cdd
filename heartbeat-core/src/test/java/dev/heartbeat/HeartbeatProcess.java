package dev.heartbeat;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;

/**
 * A process that runs a started heartbeat on the state file given as its first argument
 * (and the fallbacks given after it, if any), with an interval of one second, and prints
 * {@code PREVIOUS <pid> <clean> <unclean restarts> <downtime in ms> <last beat>} if it
 * found a previous run, then {@code STARTED <pid> <state file in use>},
 * {@code FAILED <message>}, {@code BEAT <seq>}, {@code MISSED <message>} and
 * {@code OUTCOME <seq> <timestamp> landed|missed} lines; it stops its heartbeat when its
 * standard input closes.
 */
public final class HeartbeatProcess {

	private HeartbeatProcess() {
	}

	public static void main(String[] args) throws IOException {
		Heartbeat heartbeat = Heartbeat.builder()
			.stateFile(Path.of(args[0]))
			.fallbackStateFiles(Arrays.stream(args).skip(1).map(Path::of).toList())
			.interval(Duration.ofSeconds(1))
			.listener(new HeartbeatListener() {

				@Override
				public void onBeat(HeartbeatState state) {
					System.out.println("BEAT " + state.seq());
				}

				@Override
				public void onMissedBeat(HeartbeatException failure) {
					System.out.println("MISSED " + failure.getMessage());
				}

				@Override
				public void onBeatOutcome(BeatOutcome outcome) {
					System.out.println("OUTCOME " + outcome.seq() + " " + outcome.timestamp() + " "
							+ (outcome.isSuccess() ? "landed" : "missed"));
				}

			})
			.build();
		try {
			heartbeat.start();
		}
		catch (HeartbeatException ex) {
			System.out.println("FAILED " + ex.getMessage());
			System.exit(2);
		}
		heartbeat.previousRun()
			.ifPresent((run) -> System.out.println("PREVIOUS " + run.pid() + " " + run.clean() + " "
					+ run.uncleanRestarts() + " " + run.downtime().toMillis() + " " + run.lastBeat()));
		System.out.println("STARTED " + ProcessHandle.current().pid() + " " + heartbeat.stateFile().orElseThrow());
		while (System.in.read() >= 0) {
			// runs until its standard input closes
		}
		heartbeat.stop();
		System.out.println("STOPPED");
	}

}
