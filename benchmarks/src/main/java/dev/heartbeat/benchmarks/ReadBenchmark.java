package dev.heartbeat.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import dev.heartbeat.Heartbeat;
import dev.heartbeat.HeartbeatState;
import dev.heartbeat.HeartbeatStatus;
import dev.heartbeat.health.HeartbeatHealthIndicator;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

/**
 * Reading a fresh state file ({@link HeartbeatState#read}, the health indicator) against
 * the floor, a plain {@link Files#readAllBytes}; and the serialisation of a state alone.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class ReadBenchmark {

	private Path directory;

	private Path stateFile;

	private Heartbeat heartbeat;

	private HeartbeatHealthIndicator indicator;

	private HeartbeatState state;

	@Setup(Level.Trial)
	public void setUp() {
		this.directory = BenchDirs.create("tmp");
		this.stateFile = this.directory.resolve("app.heartbeat");
		// a long max age: the file stays fresh for the whole run, so health() takes its
		// UP path
		this.heartbeat = Heartbeat.builder()
			.stateFile(this.stateFile)
			.interval(Duration.ofMinutes(5))
			.maxAge(Duration.ofHours(1))
			.metadata(Map.of("version", "1.0.0"))
			.build();
		this.state = this.heartbeat.beat();
		this.indicator = new HeartbeatHealthIndicator(this.heartbeat);
		Health health = this.indicator.health();
		if (health == null || !Status.UP.equals(health.getStatus())) {
			throw new IllegalStateException("the health indicator should be UP: " + health);
		}
		if (HeartbeatState.read(this.stateFile).map(HeartbeatState::status).orElse(null) != HeartbeatStatus.UP) {
			throw new IllegalStateException("the state file should be readable");
		}
	}

	@TearDown(Level.Trial)
	public void tearDown() {
		BenchDirs.delete(this.directory);
	}

	/**
	 * The floor: the file's bytes, nothing more.
	 * @return the bytes
	 * @throws IOException never here
	 */
	@Benchmark
	public byte[] readAllBytes() throws IOException {
		return Files.readAllBytes(this.stateFile);
	}

	/**
	 * The engine's reading: a bounded read and a parse into a {@link HeartbeatState}.
	 * @return the state
	 */
	@Benchmark
	public Optional<HeartbeatState> read() {
		return HeartbeatState.read(this.stateFile);
	}

	/**
	 * What {@code /actuator/health} asks of the heartbeat component.
	 * @return the health
	 */
	@Benchmark
	public Health health() {
		return this.indicator.health();
	}

	/**
	 * The serialisation alone, to see what of a beat is not I/O.
	 * @return the JSON text
	 */
	@Benchmark
	public String serialize() {
		return this.state.toJson();
	}

}
