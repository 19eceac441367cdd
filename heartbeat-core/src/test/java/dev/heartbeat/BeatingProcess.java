package dev.heartbeat;

import java.nio.file.Path;
import java.util.Map;

/**
 * A process that beats as fast as the engine allows until it is killed, for crash tests.
 * It prints {@code BEATING} once its first beat is written.
 */
public final class BeatingProcess {

	private BeatingProcess() {
	}

	public static void main(String[] args) {
		Heartbeat heartbeat = Heartbeat.builder()
			.stateFile(Path.of(args[0]))
			.metadata(Map.of("payload", "x".repeat(4096)))
			.build();
		heartbeat.beat();
		System.out.println("BEATING");
		while (true) {
			heartbeat.beat();
		}
	}

}
