package dev.heartbeat.benchmarks.startup;

/**
 * A class loaded when {@link StartupApp} is ready and never before: in
 * {@code -Xlog:class+load}, the classes loaded by ready are those above it. Not nested in
 * the application class, whose member classes Spring loads as it parses it.
 */
final class ReadyMark {

	private ReadyMark() {
	}

}
