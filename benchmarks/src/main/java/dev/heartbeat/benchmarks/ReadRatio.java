package dev.heartbeat.benchmarks;

/**
 * The ratios of reading to its floor, measured interleaved as {@link BeatRatio} measures the beat:
 * rounds of a few thousand {@code Files.readAllBytes}, {@code HeartbeatState.read} and
 * {@code health()} of the same fresh file, one after the other, the ratio of each round taken and
 * the median of those printed. JMH gives the absolute figures and the allocation.
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
			// warm up all three paths, long enough for the JIT to compile them, before any round counts
			long warm = System.nanoTime() + BeatRatio.WARM_UP_NANOS;
			while (System.nanoTime() < warm) {
				for (int which = 0; which < 3; which++) {
					time(bench, which, ops);
				}
			}
			double[][] times = new double[3][rounds];
			double[] readToFloor = new double[rounds];
			double[] healthToFloor = new double[rounds];
			for (int round = 0; round < rounds; round++) {
				// rotate the order so that none always runs first after a pause
				for (int k = 0; k < 3; k++) {
					int which = (round + k) % 3;
					times[which][round] = time(bench, which, ops);
				}
				readToFloor[round] = times[1][round] / times[0][round];
				healthToFloor[round] = times[2][round] / times[0][round];
			}
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
