package dev.heartbeat.benchmarks;

/**
 * The ratios of reading to its floor, measured interleaved as {@link BeatRatio} measures
 * the beat: rounds of a few thousand {@code Files.readAllBytes},
 * {@code HeartbeatState.read} and {@code health()} of the same fresh file, one after the
 * other, the ratio of each round taken and the median of those printed. JMH gives the
 * absolute figures and the allocation.
 * <p>
 * Usage: {@code ReadRatio <rounds> <opsPerRound>}; prints {@code key=value} lines.
 */
public final class ReadRatio {

	private static volatile Object sink;

	private ReadRatio() {
	}

	public static void main(String[] args) throws Exception {
		int rounds = Integer.parseInt(args[0]);
		int ops = Integer.parseInt(args[1]);
		ReadBenchmark bench = new ReadBenchmark();
		bench.setUp();
		try {
			double[][] times = Interleaved.time(3, rounds, (which) -> time(bench, which, ops));
			double[] readToFloor = Interleaved.ratios(times, 1, 0);
			double[] healthToFloor = Interleaved.ratios(times, 2, 0);
			System.out.printf("readratio.floor_us=%.2f%n", BeatRatio.median(times[0]));
			System.out.printf("readratio.read_us=%.2f%n", BeatRatio.median(times[1]));
			System.out.printf("readratio.health_us=%.2f%n", BeatRatio.median(times[2]));
			print("read", readToFloor);
			print("health", healthToFloor);
		}
		finally {
			bench.tearDown();
		}
	}

	private static void print(String name, double[] ratios) {
		System.out.printf("readratio.%s_to_floor=%.3f%n", name, BeatRatio.median(ratios));
		System.out.printf("readratio.%s_to_floor_q1=%.3f%n", name, BeatRatio.quantile(ratios, 0.25));
		System.out.printf("readratio.%s_to_floor_q3=%.3f%n", name, BeatRatio.quantile(ratios, 0.75));
	}

	// microseconds per operation
	private static double time(ReadBenchmark bench, int which, int ops) throws Exception {
		long start = System.nanoTime();
		for (int i = 0; i < ops; i++) {
			sink = switch (which) {
				case 0 -> bench.readAllBytes();
				case 1 -> bench.read();
				default -> bench.health();
			};
		}
		return (System.nanoTime() - start) / 1000.0 / ops;
	}

}
