package dev.heartbeat.benchmarks;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import dev.heartbeat.Heartbeat;
import dev.heartbeat.HeartbeatState;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import tools.jackson.databind.ObjectWriter;
import tools.jackson.databind.json.JsonMapper;

/**
 * One beat against the floor (a plain NIO write of the same bytes to a temp file and an
 * atomic rename) and against what a user would hand-roll (Jackson's {@code ObjectMapper}
 * to a temp file, then {@code Files.move}).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class BeatBenchmark {

	@Param({ "tmp", "shm" })
	public String fs;

	private Path directory;

	private Path stateFile;

	private Path temp;

	private Heartbeat heartbeat;

	private byte[] bytes;

	// names as random as the heartbeat's, drawn in setUp: the floor measures the file
	// system alone
	private Path[] freshNames;

	private int nextName;

	private ObjectWriter jackson;

	private Map<String, Object> metadata;

	private long pid;

	private String hostname;

	@Setup(Level.Trial)
	public void setUp() throws IOException {
		this.directory = BenchDirs.create(this.fs);
		this.stateFile = this.directory.resolve("app.heartbeat");
		this.temp = this.directory.resolve(".app.heartbeat.tmp");
		SplittableRandom random = new SplittableRandom();
		this.freshNames = new Path[4096];
		for (int i = 0; i < this.freshNames.length; i++) {
			this.freshNames[i] = this.directory
				.resolve(".app.heartbeat." + HexFormat.of().toHexDigits(random.nextLong()) + ".tmp");
		}
		this.metadata = new LinkedHashMap<>();
		// the seed's benchmark uses the same metadata
		this.metadata.put("version", "1.0.0");
		this.metadata.put("app", "sample");
		this.heartbeat = Heartbeat.builder().stateFile(this.stateFile).metadata(this.metadata).build();
		this.bytes = this.heartbeat.beat().toJson().getBytes(StandardCharsets.US_ASCII);
		this.jackson = JsonMapper.builder().build().writerWithDefaultPrettyPrinter();
		this.pid = ProcessHandle.current().pid();
		this.hostname = InetAddress.getLocalHost().getHostName();
	}

	@TearDown(Level.Trial)
	public void tearDown() {
		BenchDirs.delete(this.directory);
	}

	/**
	 * The engine's beat: build the state, serialise it, write a temp file, rename it.
	 * @return the state
	 */
	@Benchmark
	public HeartbeatState beat() {
		return this.heartbeat.beat();
	}

	/**
	 * The floor: the same bytes, written with plain NIO to a new temp file, renamed over
	 * the state file.
	 * @throws IOException never here
	 */
	@Benchmark
	public void floor() throws IOException {
		try (FileChannel channel = FileChannel.open(this.temp, StandardOpenOption.CREATE_NEW,
				StandardOpenOption.WRITE)) {
			channel.write(ByteBuffer.wrap(this.bytes));
		}
		Files.move(this.temp, this.stateFile, StandardCopyOption.ATOMIC_MOVE);
	}

	/**
	 * The floor of an atomic write whose temp name cannot be guessed, as the heartbeat's
	 * must not be: the same as {@link #floor()}, but each write to a temp file with
	 * another random name, drawn beforehand so that only what the file system charges for
	 * a name it has not just seen is measured.
	 * @throws IOException never here
	 */
	@Benchmark
	public void floorFreshName() throws IOException {
		Path fresh = this.freshNames[this.nextName++ & (this.freshNames.length - 1)];
		try (FileChannel channel = FileChannel.open(fresh, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
			channel.write(ByteBuffer.wrap(this.bytes));
		}
		Files.move(fresh, this.stateFile, StandardCopyOption.ATOMIC_MOVE);
	}

	/**
	 * What a user would hand-roll: a map of the same fields, Jackson's pretty printer to
	 * a temp file, then a move.
	 * @throws IOException never here
	 */
	@Benchmark
	public void jackson() throws IOException {
		Map<String, Object> beat = new LinkedHashMap<>();
		beat.put("timestamp", Instant.now().toString());
		beat.put("pid", this.pid);
		beat.put("hostname", this.hostname);
		beat.put("metadata", this.metadata);
		beat.put("status", "UP");
		this.jackson.writeValue(this.temp.toFile(), beat);
		Files.move(this.temp, this.stateFile, StandardCopyOption.ATOMIC_MOVE);
	}

}
