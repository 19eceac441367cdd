package dev.heartbeat.benchmarks;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import dev.heartbeat.benchmarks.startup.StartupApp;

/**
 * Start-up cost of the starter: {@link StartupApp} started in fresh JVMs, alternately with the
 * heartbeat's jars on the classpath and without them (everything else, Actuator included, the
 * same), and the medians compared.
 * <p>
 * Usage: {@code StartupCost <runsEach> <classpath>}; prints {@code key=value} lines.
 */
public final class StartupCost {

	private StartupCost() {
	}

	public static void main(String[] args) throws Exception {
		int runs = Integer.parseInt(args[0]);
		String classpath = args[1];
		String without = Arrays.stream(classpath.split(File.pathSeparator))
			.filter((entry) -> !entry.contains("heartbeat-spring-boot-"))
			.collect(Collectors.joining(File.pathSeparator));
		if (without.equals(classpath)) {
			throw new IllegalStateException("the heartbeat's jars are not on the classpath: " + classpath);
		}
		Path directory = BenchDirs.create("tmp");
		Map<String, List<Map<String, String>>> results = new HashMap<>();
		try {
			// one unmeasured start of each warms the page cache for the jars
			start(classpath, directory);
			start(without, directory);
			for (int i = 0; i < runs; i++) {
				results.computeIfAbsent("with", (k) -> new ArrayList<>()).add(start(classpath, directory));
				results.computeIfAbsent("without", (k) -> new ArrayList<>()).add(start(without, directory));
			}
		}
		finally {
			BenchDirs.delete(directory);
		}
		System.out.printf("startup.runs=%d%n", runs);
		for (String key : new String[] { "ready_ms", "uptime_ms", "heap_bytes", "threads" }) {
			double with = median(results.get("with"), key);
			double base = median(results.get("without"), key);
			System.out.printf("startup.with.%s=%.2f%n", key, with);
			System.out.printf("startup.without.%s=%.2f%n", key, base);
			System.out.printf("startup.added.%s=%.2f%n", key, with - base);
		}
		System.out.printf("startup.with.heartbeat_threads=%s%n", results.get("with").get(0).get("heartbeat_threads"));
	}

	private static Map<String, String> start(String classpath, Path directory) throws IOException, InterruptedException {
		List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
				classpath, StartupApp.class.getName(), "--server.port=0", "--spring.main.banner-mode=off",
				"--logging.level.root=warn", "--heartbeat.state-file=" + directory.resolve("startup.heartbeat"));
		Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
		Map<String, String> values = new HashMap<>();
		StringBuilder output = new StringBuilder();
		try (BufferedReader reader = new BufferedReader(
				new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
			for (String line = reader.readLine(); line != null; line = reader.readLine()) {
				output.append(line).append('\n');
				if (line.startsWith("STARTUP ")) {
					for (String pair : line.substring(8).split(" ")) {
						String[] keyValue = pair.split("=", 2);
						values.put(keyValue[0], keyValue[1]);
					}
				}
			}
		}
		if (process.waitFor() != 0 || values.isEmpty()) {
			throw new IllegalStateException("the application did not start:\n" + output);
		}
		Files.deleteIfExists(directory.resolve("startup.heartbeat"));
		return values;
	}

	private static double median(List<Map<String, String>> runs, String key) {
		return BeatRatio.median(runs.stream().mapToDouble((run) -> Double.parseDouble(run.get(key))).toArray());
	}

}
