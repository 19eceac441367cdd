package dev.heartbeat;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A process that reads the state file given as its argument in a loop until its standard
 * input closes, then prints {@code reads=<n> invalid=<n>}: a read counts once the file
 * held a valid state, and is invalid if it finds anything but a complete state (the file
 * is never deleted, so even a missing file is invalid then). The first invalid readings
 * are printed as {@code INVALID <problem>}.
 */
public final class ReadingProcess {

	private static volatile boolean done;

	private ReadingProcess() {
	}

	public static void main(String[] args) throws IOException {
		Path file = Path.of(args[0]);
		String payload = "x".repeat(4096);
		Thread watcher = new Thread(() -> {
			try {
				while (System.in.read() >= 0) {
					// runs until its standard input closes
				}
			}
			catch (IOException ex) {
				// stop all the same
			}
			done = true;
		});
		watcher.setDaemon(true);
		watcher.start();
		System.out.println("READING");
		boolean seenValid = false;
		long reads = 0;
		long invalid = 0;
		while (!done) {
			StateFileReading reading = HeartbeatState.inspect(file);
			HeartbeatState state = reading.state();
			boolean valid = state != null && payload.equals(state.metadata().get("payload"));
			if (seenValid) {
				reads++;
				if (!valid) {
					invalid++;
					if (invalid <= 5) {
						System.out.println("INVALID " + reading.problem());
					}
				}
			}
			seenValid |= valid;
		}
		System.out.println("reads=" + reads + " invalid=" + invalid);
	}

}
