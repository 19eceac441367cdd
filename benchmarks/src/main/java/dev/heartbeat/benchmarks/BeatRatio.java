package dev.heartbeat.benchmarks;

import java.io.IOException;
import java.util.Arrays;

/**
 * The beat's ratios to its floor, measured interleaved: rounds of a few thousand beats, floor
 * writes, Jackson writes and floor writes to fresh names, one after the other, so that a build
 * starting on the machine slows all four alike. The ratio of each round is taken, and the median
 * of those is printed; JMH, which runs one benchmark after another, gives the absolute figures.
 * <p>
 * Usage: {@code BeatRatio <rounds> <opsPerRound>}; prints {@code key=value} lines.
 */
public final class BeatRatio {

	static final long WARM_UP_NANOS = 3_000_000_000L;

	private BeatRatio() {
	}

	public static void main(String[] args) throws IOException {
		int rounds = Integer.parseInt(args[0]);
		int ops = Integer.parseInt(args[1]);
		for (String fs : new String[] { "tmp", "shm" }) {
			BeatBenchmark bench = new BeatBenchmark();
			bench.fs = fs;
			bench.setUp();
			try {
				// warm up all three paths, long enough for the JIT to compile them, before any round counts
				long warm = System.nanoTime() + WARM_UP_NANOS;
				while (System.nanoTime() < warm) {
					time(bench, 0, ops);
					time(bench, 1, ops);
					time(bench, 2, ops);
					time(bench, 3, ops);
				}
				double[][] times = new double[4][rounds];
				double[] toFloor = new double[rounds];
				double[] toFreshFloor = new double[rounds];
				double[] toJackson = new double[rounds];
				for (int round = 0; round < rounds; round++) {
					// rotate the order so that none always runs first after a pause
					for (int k = 0; k < 4; k++) {
						int which = (round + k) % 4;
						times[which][round] = time(bench, which, ops);
					}
					toFloor[round] = times[0][round] / times[1][round];
					toFreshFloor[round] = times[0][round] / times[3][round];
					toJackson[round] = times[0][round] / times[2][round];
				}
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
