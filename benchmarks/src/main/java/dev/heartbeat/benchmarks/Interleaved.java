package dev.heartbeat.benchmarks;

/**
 * Times several kinds of operation in rounds, one kind after the other with the order
 * rotated each round, so that a build starting on the machine slows them alike; after a
 * warm-up long enough for the JIT to compile them all.
 */
final class Interleaved {

	private static final long WARM_UP_NANOS = 3_000_000_000L;

	private Interleaved() {
	}

	/**
	 * Time each kind in every round.
	 * @param kinds how many kinds of operation
	 * @param rounds how many rounds
	 * @param batch times a batch of operations of one kind, in microseconds per operation
	 * @return the times, by kind, then by round
	 * @throws Exception whatever an operation throws
	 */
	static double[][] time(int kinds, int rounds, Batch batch) throws Exception {
		long warm = System.nanoTime() + WARM_UP_NANOS;
		while (System.nanoTime() < warm) {
			for (int kind = 0; kind < kinds; kind++) {
				batch.time(kind);
			}
		}
		double[][] times = new double[kinds][rounds];
		for (int round = 0; round < rounds; round++) {
			// rotate the order so that none always runs first after a pause
			for (int k = 0; k < kinds; k++) {
				int kind = (round + k) % kinds;
				times[kind][round] = batch.time(kind);
			}
		}
		return times;
	}

	/**
	 * The ratio of one kind's time to another's, round by round.
	 * @param times the times, as {@link #time} gives them
	 * @param kind the kind measured
	 * @param base the kind it is measured against
	 * @return the ratios
	 */
	static double[] ratios(double[][] times, int kind, int base) {
		double[] ratios = new double[times[kind].length];
		for (int round = 0; round < ratios.length; round++) {
			ratios[round] = times[kind][round] / times[base][round];
		}
		return ratios;
	}

	/**
	 * A batch of operations of one kind.
	 */
	@FunctionalInterface
	interface Batch {

		double time(int kind) throws Exception;

	}

}
