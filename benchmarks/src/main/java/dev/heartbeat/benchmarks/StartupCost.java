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
import java.util.Random;
import java.util.stream.Collectors;

import dev.heartbeat.benchmarks.startup.StartupApp;

/**
 * Start-up cost of the starter: {@link StartupApp} started in fresh JVMs, alternately
 * with the heartbeat's jars on the classpath and without them (everything else, Actuator
 * included, the same), and the medians compared, each difference with a bootstrap 95%
 * interval. A whole start varies by far more than the 20 ms goal from run to run, so the
 * time is also measured in process: the starter's own steps (its beans' creation and its
 * first beat) in the runs with it.
 * <p>
 * Usage: {@code StartupCost <runsEach> <classpath> [<baseClasspath>]}; prints
 * {@code key=value} lines. With a base classpath (the same application with another build
 * of the heartbeat's jars, as {@code startup-compare.sh} gives it), that build is started
 * too, in the same rotation, and each figure of this build is also compared with it
 * ({@code startup.change.*}: this - base, with its interval).
 */
public final class StartupCost {

	private static final int BOOTSTRAP_SAMPLES = 10_000;

	private StartupCost() {
	}

	public static void main(String[] args) throws Exception {
		int runs = Integer.parseInt(args[0]);
		String classpath = args[1];
		String base = (args.length > 2) ? args[2] : null;
		String without = withoutHeartbeat(classpath);
		if (without.equals(classpath)) {
			throw new IllegalStateException("the heartbeat's jars are not on the classpath: " + classpath);
		}
		String loadBefore = loadAverage();
		Path directory = BenchDirs.create("tmp");
		Map<String, List<Map<String, String>>> results = new HashMap<>();
		try {
			Map<String, String> jvmOptions = new HashMap<>();
			Map<String, String> sides = new java.util.LinkedHashMap<>();
			sides.put("with", classpath);
			sides.put("without", without);
			if (base != null) {
				sides.put("base", base);
			}
			String cds = System.getProperty("startup.cds");
			if (cds != null) {
				// the start-up a user gets with an AppCDS archive of their own: one
				// training start per side, which archives what it loaded
				for (Map.Entry<String, String> side : sides.entrySet()) {
					Path archive = Path.of(cds, side.getKey() + ".jsa");
					Files.deleteIfExists(archive);
					start(side.getValue(), directory, "-XX:ArchiveClassesAtExit=" + archive);
					jvmOptions.put(side.getValue(), "-XX:SharedArchiveFile=" + archive);
				}
			}
			// one unmeasured start of each warms the page cache for the jars
			for (String side : sides.values()) {
				start(side, directory, jvmOptions.get(side));
			}
			for (int i = 0; i < runs; i++) {
				for (Map.Entry<String, String> side : sides.entrySet()) {
					results.computeIfAbsent(side.getKey(), (k) -> new ArrayList<>())
						.add(start(side.getValue(), directory, jvmOptions.get(side.getValue())));
				}
			}
		}
		finally {
			BenchDirs.delete(directory);
		}
		System.out.printf("startup.runs=%d%n", runs);
		for (String key : new String[] { "ready_ms", "uptime_ms", "main_cpu_ms", "heap_bytes", "live_bytes", "threads",
				"classes", "parse_ms", "parse_cpu_ms", "bind_ms", "bind_cpu_ms", "refresh_ms" }) {
			double[] with = values(results.get("with"), key);
			double[] none = values(results.get("without"), key);
			double[] interval = differenceInterval(with, none);
			System.out.printf("startup.with.%s=%.2f%n", key, BeatRatio.median(with));
			System.out.printf("startup.without.%s=%.2f%n", key, BeatRatio.median(none));
			System.out.printf("startup.added.%s=%.2f%n", key, BeatRatio.median(with) - BeatRatio.median(none));
			System.out.printf("startup.added.%s_lo=%.2f%n", key, interval[0]);
			System.out.printf("startup.added.%s_hi=%.2f%n", key, interval[1]);
		}
		System.out.printf("startup.with.heartbeat_threads=%s%n", results.get("with").get(0).get("heartbeat_threads"));
		printOwnSteps(results, "", "ms");
		printOwnSteps(results, "cpu_", "cpu_ms");
		if (base != null) {
			printChange(results);
		}
		System.out.printf("startup.loadavg_before=%s%n", loadBefore);
		System.out.printf("startup.loadavg=%s%n", loadAverage());
	}

	// the starter's own steps, in wall or CPU time, in the runs with it
	private static void printOwnSteps(Map<String, List<Map<String, String>>> results, String prefix, String unit) {
		// the marker bracket is empty without the starter: what it measures then is its
		// own overhead
		double bracket = BeatRatio.median(values(results.get("without"), "start_" + unit));
		double[] beans = values(results.get("with"), "beans_" + unit);
		double[] start = values(results.get("with"), "start_" + unit);
		double[] own = new double[beans.length];
		for (int i = 0; i < own.length; i++) {
			own[i] = beans[i] + start[i] - bracket;
		}
		System.out.printf("startup.starter.%sbeans_ms=%.2f%n", prefix, BeatRatio.median(beans));
		System.out.printf("startup.starter.%sstart_ms=%.2f%n", prefix, BeatRatio.median(start) - bracket);
		System.out.printf("startup.starter.%sown_ms=%.2f%n", prefix, BeatRatio.median(own));
		System.out.printf("startup.starter.%sown_q1_ms=%.2f%n", prefix, BeatRatio.quantile(own, 0.25));
		System.out.printf("startup.starter.%sown_q3_ms=%.2f%n", prefix, BeatRatio.quantile(own, 0.75));
	}

	// this build against the base build, both with the starter: the figures the
	// machine's load moves least, and the starter's own steps
	private static void printChange(Map<String, List<Map<String, String>>> results) {
		List<Map<String, String>> with = results.get("with");
		List<Map<String, String>> base = results.get("base");
		for (String key : new String[] { "classes", "live_bytes", "heap_bytes", "threads", "main_cpu_ms", "ready_ms",
				"parse_cpu_ms", "bind_cpu_ms", "beans_cpu_ms", "start_cpu_ms", "beans_ms", "start_ms" }) {
			printChange(key, values(with, key), values(base, key));
		}
		printChange("own_cpu_ms", ownSteps(with, "cpu_ms"), ownSteps(base, "cpu_ms"));
		printChange("own_ms", ownSteps(with, "ms"), ownSteps(base, "ms"));
		// the base build's own figures against no heartbeat, as startup.added.* gives
		// this build's
		List<Map<String, String>> none = results.get("without");
		for (String key : new String[] { "classes", "live_bytes", "threads", "ready_ms", "main_cpu_ms" }) {
			double[] interval = differenceInterval(values(base, key), values(none, key));
			System.out.printf("startup.base_added.%s=%.2f%n", key,
					BeatRatio.median(values(base, key)) - BeatRatio.median(values(none, key)));
			System.out.printf("startup.base_added.%s_lo=%.2f%n", key, interval[0]);
			System.out.printf("startup.base_added.%s_hi=%.2f%n", key, interval[1]);
		}
		double[] own = ownSteps(base, "cpu_ms");
		System.out.printf("startup.base.own_cpu_q1_ms=%.2f%n", BeatRatio.quantile(own, 0.25));
		System.out.printf("startup.base.own_cpu_q3_ms=%.2f%n", BeatRatio.quantile(own, 0.75));
	}

	private static void printChange(String key, double[] with, double[] base) {
		double[] interval = differenceInterval(with, base);
		System.out.printf("startup.base.%s=%.2f%n", key, BeatRatio.median(base));
		System.out.printf("startup.change.%s=%.2f%n", key, BeatRatio.median(with) - BeatRatio.median(base));
		System.out.printf("startup.change.%s_lo=%.2f%n", key, interval[0]);
		System.out.printf("startup.change.%s_hi=%.2f%n", key, interval[1]);
	}

	// beans + start per run; the marker bracket's own overhead is the same on both
	// sides and is not subtracted
	private static double[] ownSteps(List<Map<String, String>> runs, String unit) {
		double[] beans = values(runs, "beans_" + unit);
		double[] start = values(runs, "start_" + unit);
		double[] own = new double[beans.length];
		for (int i = 0; i < own.length; i++) {
			own[i] = beans[i] + start[i];
		}
		return own;
	}

	// every heartbeat jar off the classpath (the starter brings the engine, the fleet
	// and the Spring glue too), everything else (this harness's own jar included) the
	// same
	static String withoutHeartbeat(String classpath) {
		return Arrays.stream(classpath.split(File.pathSeparator))
			.filter((entry) -> !Path.of(entry).getFileName().toString().matches("heartbeat-(?!benchmarks-).*\\.jar"))
			.collect(Collectors.joining(File.pathSeparator));
	}

	// a 95% percentile-bootstrap interval of the difference of the medians, with -
	// without
	private static double[] differenceInterval(double[] with, double[] without) {
		Random random = new Random(42);
		double[] differences = new double[BOOTSTRAP_SAMPLES];
		for (int i = 0; i < differences.length; i++) {
			differences[i] = BeatRatio.median(resample(with, random)) - BeatRatio.median(resample(without, random));
		}
		return new double[] { BeatRatio.quantile(differences, 0.025), BeatRatio.quantile(differences, 0.975) };
	}

	private static double[] resample(double[] values, Random random) {
		double[] sample = new double[values.length];
		for (int i = 0; i < sample.length; i++) {
			sample[i] = values[random.nextInt(values.length)];
		}
		return sample;
	}

	private static String loadAverage() throws IOException {
		Path loadavg = Path.of("/proc/loadavg");
		return Files.exists(loadavg)
				? String.join(",", Arrays.asList(Files.readString(loadavg).split(" ")).subList(0, 3)) : "n/a";
	}

	private static Map<String, String> start(String classpath, Path directory, String jvmOption)
			throws IOException, InterruptedException {
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		if (jvmOption != null) {
			command.add(jvmOption);
		}
		command.addAll(List.of("-cp", classpath, StartupApp.class.getName(), "--server.port=0",
				"--spring.main.banner-mode=off", "--logging.level.root=warn",
				"--heartbeat.state-file=" + directory.resolve("startup.heartbeat")));
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

	private static double[] values(List<Map<String, String>> runs, String key) {
		return runs.stream().mapToDouble((run) -> Double.parseDouble(run.get(key))).toArray();
	}

}
