package dev.heartbeat.benchmarks;

import java.io.IOException;
import java.util.Arrays;

/**
 * The beat's ratios to its floor, measured interleaved: rounds of a few thousand beats,
 * floor writes, Jackson writes and floor writes to fresh names, one after the other, so
 * that a build starting on the machine slows all four alike. The ratio of each round is
 * taken, and the median of those is printed; JMH, which runs one benchmark after another,
 * gives the absolute figures.
 * <p>
 * Usage: {@code BeatRatio <rounds> <opsPerRound>}; prints {@code key=value} lines.
 */
public final class BeatRatio {

	private BeatRatio() {
	}

	public static void main(String[] args) throws Exception {
		int rounds = Integer.parseInt(args[0]);
		int ops = Integer.parseInt(args[1]);
		for (String fs : new String[] { "tmp", "shm" }) {
			BeatBenchmark bench = new BeatBenchmark();
			bench.fs = fs;
			bench.setUp();
			try {
				double[][] times = Interleaved.time(4, rounds, (which) -> time(bench, which, ops));
				double[] toFloor = Interleaved.ratios(times, 0, 1);
				double[] toJackson = Interleaved.ratios(times, 0, 2);
				double[] toFreshFloor = Interleaved.ratios(times, 0, 3);
				System.out.printf("ratio.%s.beat_us=%.2f%n", fs, median(times[0]));
				System.out.printf("ratio.%s.floor_us=%.2f%n", fs, median(times[1]));
				System.out.printf("ratio.%s.jackson_us=%.2f%n", fs, median(times[2]));
				System.out.printf("ratio.%s.beat_to_floor=%.3f%n", fs, median(toFloor));
				System.out.printf("ratio.%s.beat_to_floor_q1=%.3f%n", fs, quantile(toFloor, 0.25));
				System.out.printf("ratio.%s.beat_to_floor_q3=%.3f%n", fs, quantile(toFloor, 0.75));
				System.out.printf("ratio.%s.beat_to_jackson=%.3f%n", fs, median(toJackson));
				System.out.printf("ratio.%s.floor_fresh_name_us=%.2f%n", fs, median(times[3]));
				System.out.printf("ratio.%s.beat_to_floor_fresh_name=%.3f%n", fs, median(toFreshFloor));
				System.out.printf("ratio.%s.beat_to_floor_fresh_name_q1=%.3f%n", fs, quantile(toFreshFloor, 0.25));
				System.out.printf("ratio.%s.beat_to_floor_fresh_name_q3=%.3f%n", fs, quantile(toFreshFloor, 0.75));
			}
			finally {
				bench.tearDown();
			}
		}
	}

	// microseconds per operation
	private static double time(BeatBenchmark bench, int which, int ops) throws IOException {
		long start = System.nanoTime();
		for (int i = 0; i < ops; i++) {
			switch (which) {
				case 0 -> bench.beat();
				case 1 -> bench.floor();
				case 2 -> bench.jackson();
				default -> bench.floorFreshName();
			}
		}
		return (System.nanoTime() - start) / 1000.0 / ops;
	}

	static double median(double[] values) {
		return quantile(values, 0.5);
	}

	static double quantile(double[] values, double q) {
		double[] sorted = values.clone();
		Arrays.sort(sorted);
		int index = (int) Math.ceil(q * sorted.length) - 1;
		return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
	}

}
