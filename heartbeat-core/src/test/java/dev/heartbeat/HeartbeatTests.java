package dev.heartbeat;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.awaitility.Awaitility.await;

class HeartbeatTests {

	private static final Duration GENEROUS = Duration.ofSeconds(20);

	@TempDir
	Path directory;

	private Heartbeat heartbeat;

	@AfterEach
	void stopHeartbeat() {
		if (this.heartbeat != null) {
			this.heartbeat.stop();
		}
	}

	@Test
	void defaultIntervalIsTenSeconds() {
		assertThat(Heartbeat.builder().build().interval()).isEqualTo(Duration.ofSeconds(10));
	}

	@Test
	void intervalBelowMinimumIsClamped() {
		assertThat(Heartbeat.builder().interval(Duration.ofMillis(100)).build().interval())
			.isEqualTo(Duration.ofSeconds(1));
	}

	@Test
	void intervalAboveMaximumIsClamped() {
		assertThat(Heartbeat.builder().interval(Duration.ofSeconds(1000)).build().interval())
			.isEqualTo(Duration.ofSeconds(300));
	}

	@Test
	void intervalsAtTheBoundsAreKept() {
		assertThat(Heartbeat.builder().interval(Duration.ofSeconds(1)).build().interval())
			.isEqualTo(Duration.ofSeconds(1));
		assertThat(Heartbeat.builder().interval(Duration.ofSeconds(300)).build().interval())
			.isEqualTo(Duration.ofSeconds(300));
	}

	@Test
	void maxAgeIsThreeIntervalsUnlessSet() {
		assertThat(Heartbeat.builder().interval(Duration.ofSeconds(2)).build().maxAge())
			.isEqualTo(Duration.ofSeconds(6));
		assertThat(Heartbeat.builder().maxAge(Duration.ofMinutes(1)).build().maxAge()).isEqualTo(Duration.ofMinutes(1));
	}

	@Test
	void firstBeatIsWrittenByStart() {
		Path file = this.directory.resolve("app.heartbeat");
		this.heartbeat = Heartbeat.builder().stateFile(file).interval(Duration.ofSeconds(300)).build();
		this.heartbeat.start();
		HeartbeatState state = HeartbeatState.read(file).orElseThrow();
		assertThat(state.seq()).isEqualTo(1);
		assertThat(state.status()).isEqualTo(HeartbeatStatus.UP);
		assertThat(state.pid()).isEqualTo(ProcessHandle.current().pid());
		assertThat(state.interval()).isEqualTo(Duration.ofSeconds(300));
	}

	@Test
	void beatsAreWrittenOnTheHeartbeatThreadAndListenersAreCalledOffIt() {
		RecordingListener listener = new RecordingListener();
		List<String> writers = new CopyOnWriteArrayList<>();
		this.heartbeat = Heartbeat.builder()
			.stateFile(this.directory.resolve("app.heartbeat"))
			.interval(Duration.ofSeconds(1))
			.metadataContributor(() -> {
				writers.add(Thread.currentThread().getName());
				return Map.of();
			})
			.listener(listener)
			.build();
		this.heartbeat.start();
		await().atMost(GENEROUS).until(() -> listener.beats.size() >= 3);
		// metadata contributors are user code too: called off the beat thread, as targets
		// are
		assertThat(writers).hasSizeGreaterThanOrEqualTo(3)
			.allMatch((name) -> name.startsWith(Heartbeat.THREAD_NAME + "-worker-"));
		assertThat(listener.threads).allMatch((name) -> name.startsWith(Heartbeat.THREAD_NAME + "-worker-"));
		assertThat(Thread.getAllStackTraces().keySet())
			.filteredOn((thread) -> thread.getName().equals(Heartbeat.THREAD_NAME))
			.allMatch(Thread::isDaemon);
		assertThat(listener.beats).extracting(HeartbeatState::seq).startsWith(1L, 2L, 3L);
	}

	@Test
	void beatsKeepAFixedRateWhateverABeatTakes() {
		Duration interval = Duration.ofSeconds(1);
		SlowBeatClock clock = new SlowBeatClock(interval.dividedBy(2));
		List<BeatOutcome> outcomes = new CopyOnWriteArrayList<>();
		this.heartbeat = Heartbeat.builder().interval(interval).clock(clock).listener(new HeartbeatListener() {
			@Override
			public void onBeatOutcome(BeatOutcome outcome) {
				outcomes.add(outcome);
			}
		}).build();
		this.heartbeat.start();
		await().atMost(GENEROUS).until(() -> outcomes.size() >= 5);
		this.heartbeat.stop();
		List<BeatOutcome> beats = outcomes.subList(0, 5);
		// the time is spent on the beat thread, inside the beat the heartbeat times
		assertThat(beats).allSatisfy((beat) -> assertThat(beat.duration()).isGreaterThanOrEqualTo(clock.delay));
		List<Duration> idle = new ArrayList<>();
		for (int i = 1; i < beats.size(); i++) {
			idle.add(Duration
				.ofNanos(clock.readFor(beats.get(i)).askedNanos() - clock.readFor(beats.get(i - 1)).answeredNanos()));
		}
		// a fixed delay starts each beat a whole interval after the previous one ended,
		// so the schedule drifts by what each beat took: never less, however loaded the
		// machine; at a fixed rate, the next beat is due half an interval after a slow
		// one
		assertThat(idle).as("time from the end of each beat to the start of the next")
			.anySatisfy((gap) -> assertThat(gap).isLessThan(interval));
	}

	@Test
	void startWhileRunningThrows() {
		this.heartbeat = Heartbeat.builder().build();
		this.heartbeat.start();
		assertThatExceptionOfType(HeartbeatException.class).isThrownBy(this.heartbeat::start)
			.withMessage("Heartbeat is already running");
	}

	@Test
	void stopBeforeStartIsSafe() {
		this.heartbeat = Heartbeat.builder().stateFile(this.directory.resolve("app.heartbeat")).build();
		this.heartbeat.stop();
		assertThat(this.heartbeat.isRunning()).isFalse();
		assertThat(this.directory.resolve("app.heartbeat")).doesNotExist();
	}

	@Test
	void stopIsIdempotent() {
		this.heartbeat = Heartbeat.builder().build();
		this.heartbeat.start();
		this.heartbeat.stop();
		this.heartbeat.stop();
		assertThat(this.heartbeat.isRunning()).isFalse();
	}

	@Test
	void aStoppedHeartbeatCanStartAgain() {
		Path file = this.directory.resolve("app.heartbeat");
		this.heartbeat = Heartbeat.builder().stateFile(file).build();
		this.heartbeat.start();
		this.heartbeat.stop();
		assertThat(HeartbeatState.read(file).orElseThrow().status()).isEqualTo(HeartbeatStatus.STOPPED);
		this.heartbeat.start();
		assertThat(this.heartbeat.isRunning()).isTrue();
		assertThat(HeartbeatState.read(file).orElseThrow().status()).isEqualTo(HeartbeatStatus.UP);
	}

	@Test
	void shutdownIsPermanent() {
		this.heartbeat = Heartbeat.builder().build();
		this.heartbeat.start();
		this.heartbeat.shutdown();
		assertThat(this.heartbeat.isShutdown()).isTrue();
		assertThat(this.heartbeat.isRunning()).isFalse();
		assertThatExceptionOfType(HeartbeatException.class).isThrownBy(this.heartbeat::start)
			.withMessage("Heartbeat is shut down");
	}

	@Test
	void closeStopsSoThatTryWithResourcesWorks() {
		Path file = this.directory.resolve("app.heartbeat");
		Heartbeat closed;
		try (Heartbeat running = Heartbeat.builder().stateFile(file).build()) {
			running.start();
			assertThat(running.isRunning()).isTrue();
			closed = running;
		}
		assertThat(closed.isRunning()).isFalse();
		assertThat(HeartbeatState.read(file).orElseThrow().status()).isEqualTo(HeartbeatStatus.STOPPED);
	}

	@Test
	void stateFileHasTheDocumentedKeysInOrder() throws IOException {
		Path file = this.directory.resolve("app.heartbeat");
		this.heartbeat = Heartbeat.builder()
			.stateFile(file)
			.metadata(Map.of("version", "1.0.0"))
			.target("upstream", () -> false)
			.callbackExecutor(Runnable::run)
			.build();
		this.heartbeat.start();
		String json = Files.readString(file);
		assertThat(json).startsWith("{\n  \"timestamp\": \"").doesNotEndWith("\n");
		assertThat(json).containsSubsequence("\"timestamp\"", "\"pid\"", "\"hostname\"", "\"metadata\"", "\"status\"",
				"\"seq\"", "\"interval\"", "\"targets\"", "\"staleAfter\"");
		HeartbeatState state = HeartbeatState.read(file).orElseThrow();
		assertThat(state.staleAfter()).isEqualTo(state.timestamp().plus(Duration.ofSeconds(30)));
		assertThat(json)
			.containsPattern("\"timestamp\": \"\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{6}\\+00:00\"");
		assertThat(json).contains("\"metadata\": {\n    \"version\": \"1.0.0\"\n  }")
			.contains("\"status\": \"UP\"")
			.contains("\"interval\": 10")
			.contains("\"targets\": {\n    \"upstream\": \"ALIVE\"\n  }");
	}

	@Test
	void timestampComesFromTheGivenClock() {
		MutableClock clock = new MutableClock(Instant.parse("2030-05-06T07:08:09.123456789Z"));
		this.heartbeat = Heartbeat.builder().clock(clock).build();
		assertThat(this.heartbeat.beat().timestamp()).isEqualTo(Instant.parse("2030-05-06T07:08:09.123456Z"));
	}

	@Test
	void missingParentDirectoriesAreCreated() {
		Path file = this.directory.resolve("a/b/c/app.heartbeat");
		this.heartbeat = Heartbeat.builder().stateFile(file).build();
		this.heartbeat.beat();
		assertThat(file).isRegularFile();
	}

	@Test
	void aParentDirectoryDeletedWhileRunningIsMadeAgain() throws IOException {
		Path parent = this.directory.resolve("run");
		Path file = parent.resolve("app.heartbeat");
		this.heartbeat = Heartbeat.builder().stateFile(file).interval(Duration.ofSeconds(1)).build();
		this.heartbeat.start();
		try (Stream<Path> paths = Files.walk(parent)) {
			paths.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
		}
		await().atMost(GENEROUS).until(() -> Files.isRegularFile(file));
	}

	@Test
	void withoutAStateFileBeatsAreKeptInMemory() {
		RecordingListener listener = new RecordingListener();
		this.heartbeat = Heartbeat.builder().interval(Duration.ofSeconds(1)).listener(listener).build();
		this.heartbeat.start();
		await().atMost(GENEROUS).until(() -> listener.beats.size() >= 2);
		assertThat(this.heartbeat.stateFile()).isEmpty();
		assertThat(this.heartbeat.lastState()).isPresent();
		assertThat(this.directory).isEmptyDirectory();
	}

	@Test
	void beatThrowsWhenTheFileCannotBeWrittenAndLeavesNoTempFile() throws IOException {
		Path file = this.directory.resolve("app.heartbeat");
		Files.createDirectory(file);
		this.heartbeat = Heartbeat.builder().stateFile(file).build();
		assertThatExceptionOfType(HeartbeatException.class).isThrownBy(this.heartbeat::beat)
			.withMessageStartingWith("Failed to write heartbeat to " + file);
		assertThat(this.heartbeat.lastFailure()).isPresent();
		assertThat(tempFiles()).isEmpty();
	}

	@Test
	void aMissedBeatIsReportedAndTheNextBeatTriesAgain() throws IOException {
		Path file = this.directory.resolve("app.heartbeat");
		RecordingListener listener = new RecordingListener();
		this.heartbeat = Heartbeat.builder().stateFile(file).interval(Duration.ofSeconds(1)).listener(listener).build();
		this.heartbeat.start();
		Files.delete(file);
		Files.createDirectory(file);
		await().atMost(GENEROUS).until(() -> listener.missed.size() >= 2);
		assertThat(this.heartbeat.isRunning()).isTrue();
		Files.delete(file);
		await().atMost(GENEROUS).until(() -> Files.isRegularFile(file));
		await().atMost(GENEROUS).until(() -> this.heartbeat.lastFailure().isEmpty());
		assertThat(tempFiles()).isEmpty();
	}

	@Test
	void aThrowingListenerNeverStopsTheBeats() {
		RecordingListener recording = new RecordingListener();
		HeartbeatListener throwing = new HeartbeatListener() {
			@Override
			public void onBeat(HeartbeatState state) {
				throw new IllegalStateException("listener failure");
			}
		};
		this.heartbeat = Heartbeat.builder()
			.interval(Duration.ofSeconds(1))
			.listener(throwing)
			.listener(recording)
			.build();
		this.heartbeat.start();
		await().atMost(GENEROUS).until(() -> recording.beats.size() >= 3);
	}

	@Test
	void aDeadTargetIsReportedAndRecoveredUntilAlive() {
		AtomicBoolean dead = new AtomicBoolean(true);
		AtomicInteger recoveries = new AtomicInteger();
		HeartbeatTarget target = new HeartbeatTarget() {
			@Override
			public boolean isDead() {
				return dead.get();
			}

			@Override
			public void recover() {
				if (recoveries.incrementAndGet() == 2) {
					dead.set(false);
				}
			}

			@Override
			public String name() {
				return "websocket";
			}
		};
		RecordingListener listener = new RecordingListener();
		this.heartbeat = Heartbeat.builder().interval(Duration.ofSeconds(1)).target(target).listener(listener).build();
		this.heartbeat.start();
		await().atMost(GENEROUS).until(() -> listener.recovered.size() == 1);
		assertThat(recoveries).hasValue(2);
		assertThat(listener.dead).containsExactly("websocket", "websocket");
		assertThat(listener.alerts).containsExactly(
				"heartbeat: Target is dead, triggering recovery {target=websocket, attempt=1}",
				"heartbeat: Target is dead, triggering recovery {target=websocket, attempt=2}");
		await().atMost(GENEROUS)
			.until(() -> this.heartbeat.lastState().orElseThrow().targets().get("websocket") == TargetStatus.ALIVE);
	}

	@Test
	void aTargetWhoseCheckOrRecoveryThrowsIsDeadAndNeverStopsTheBeats() {
		HeartbeatTarget throwing = new HeartbeatTarget() {
			@Override
			public boolean isDead() {
				throw new IllegalStateException("check failed");
			}

			@Override
			public void recover() {
				throw new IllegalStateException("recovery failed");
			}
		};
		RecordingListener listener = new RecordingListener();
		this.heartbeat = Heartbeat.builder()
			.interval(Duration.ofSeconds(1))
			.target("flaky", throwing)
			.listener(listener)
			.build();
		this.heartbeat.start();
		await().atMost(GENEROUS).until(() -> listener.beats.size() >= 3);
		assertThat(listener.dead).hasSizeGreaterThanOrEqualTo(2).containsOnly("flaky");
		assertThat(this.heartbeat.targets()).containsEntry("flaky", TargetStatus.DEAD);
	}

	@Test
	void aTargetIsNamedAfterItsClassUnlessNamed() {
		class UpstreamConnection implements HeartbeatTarget {

			@Override
			public boolean isDead() {
				return false;
			}

		}
		this.heartbeat = Heartbeat.builder().target(new UpstreamConnection()).build();
		assertThat(this.heartbeat.targetReports()).extracting(TargetReport::name).containsExactly("UpstreamConnection");
	}

	@Test
	void twoTargetsWithOneNameAreRejected() {
		HeartbeatBuilder builder = Heartbeat.builder().target("db", () -> false);
		assertThatIllegalArgumentException().isThrownBy(() -> builder.target("db", () -> true))
			.withMessage("Two heartbeat targets are named 'db'");
	}

	@Test
	void metadataContributorsAddToEveryBeatAndAFailingOneIsLeftOut() {
		AtomicInteger counter = new AtomicInteger();
		this.heartbeat = Heartbeat.builder()
			.metadata(Map.of("version", "1.0.0"))
			.metadataContributor(() -> Map.of("beats", counter.incrementAndGet()))
			.metadataContributor(() -> Map.of("load", Double.NaN))
			.metadataContributor(() -> {
				throw new IllegalStateException("contributor failure");
			})
			.build();
		assertThat(this.heartbeat.beat().metadata()).containsOnly(Map.entry("version", "1.0.0"), Map.entry("beats", 1));
		assertThat(this.heartbeat.beat().metadata()).containsEntry("beats", 2);
	}

	@Test
	void metadataValuesThatChangeAreWrittenAsTheyAreAtEachBeat() throws IOException {
		Path file = this.directory.resolve("app.heartbeat");
		AtomicLong requests = new AtomicLong();
		this.heartbeat = Heartbeat.builder()
			.stateFile(file)
			.metadata(Map.of("requests", requests, "tags", List.of("a")))
			.build();
		this.heartbeat.beat();
		requests.set(42);
		this.heartbeat.beat();
		assertThat(Files.readString(file)).contains("\"requests\": 42");
	}

	@Test
	void inspectStateFileReadsTheFileAsAnyReaderWould() throws IOException {
		Path file = this.directory.resolve("app.heartbeat");
		this.heartbeat = Heartbeat.builder().stateFile(file).metadata(Map.of("version", "1.0.0")).build();
		HeartbeatState written = this.heartbeat.beat();
		assertThat(file).hasContent(written.toJson());
		assertThat(this.heartbeat.inspectStateFile().state()).isEqualTo(written);
		String text = Files.readString(file);
		Files.writeString(file, text.replace("\"seq\": 1", "\"seq\": 9"));
		assertThat(this.heartbeat.inspectStateFile().state()).extracting(HeartbeatState::seq).isEqualTo(9L);
		Files.writeString(file, text.substring(0, text.length() - 1));
		assertThat(this.heartbeat.inspectStateFile().problem()).contains("is not valid JSON");
		Files.delete(file);
		assertThat(this.heartbeat.inspectStateFile().problem()).endsWith("does not exist");
	}

	@Test
	void inspectStateFileOfAHeartbeatWithoutOneIsRefused() {
		this.heartbeat = Heartbeat.builder().build();
		assertThatIllegalStateException().isThrownBy(this.heartbeat::inspectStateFile)
			.withMessageContaining("no state file");
	}

	@Test
	void staticMetadataThatIsNotJsonIsRejected() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> Heartbeat.builder().metadata(Map.of("ratio", Double.POSITIVE_INFINITY)));
	}

	@Test
	void stopMarksTheFileStoppedByDefault() {
		Path file = this.directory.resolve("app.heartbeat");
		this.heartbeat = Heartbeat.builder().stateFile(file).build();
		this.heartbeat.start();
		this.heartbeat.stop();
		HeartbeatState state = HeartbeatState.read(file).orElseThrow();
		assertThat(state.status()).isEqualTo(HeartbeatStatus.STOPPED);
		assertThat(state.seq()).isEqualTo(2);
	}

	@Test
	void stopDeletesTheFileWhenAsked() {
		Path file = this.directory.resolve("app.heartbeat");
		this.heartbeat = Heartbeat.builder().stateFile(file).stopAction(StopAction.DELETE).build();
		this.heartbeat.start();
		this.heartbeat.stop();
		assertThat(file).doesNotExist();
	}

	@Test
	void stopKeepsTheFileAsItIsWhenAsked() {
		Path file = this.directory.resolve("app.heartbeat");
		this.heartbeat = Heartbeat.builder().stateFile(file).stopAction(StopAction.KEEP).build();
		this.heartbeat.start();
		this.heartbeat.stop();
		assertThat(HeartbeatState.read(file).orElseThrow().status()).isEqualTo(HeartbeatStatus.UP);
	}

	@Test
	void updatedStatusIsWrittenAtOnce() {
		Path file = this.directory.resolve("app.heartbeat");
		this.heartbeat = Heartbeat.builder()
			.stateFile(file)
			.interval(Duration.ofSeconds(300))
			.initialStatus(HeartbeatStatus.STARTING)
			.build();
		this.heartbeat.start();
		assertThat(HeartbeatState.read(file).orElseThrow().status()).isEqualTo(HeartbeatStatus.STARTING);
		this.heartbeat.updateStatus(HeartbeatStatus.UP);
		assertThat(HeartbeatState.read(file).orElseThrow().status()).isEqualTo(HeartbeatStatus.UP);
	}

	@Test
	void aListenerMayStopTheHeartbeatFromItsOwnThread() {
		AtomicBoolean stopped = new AtomicBoolean();
		this.heartbeat = Heartbeat.builder().interval(Duration.ofSeconds(1)).listener(new HeartbeatListener() {
			@Override
			public void onBeat(HeartbeatState state) {
				if (state.seq() == 2) {
					HeartbeatTests.this.heartbeat.stop();
					stopped.set(true);
				}
			}
		}).build();
		this.heartbeat.start();
		await().atMost(GENEROUS).untilTrue(stopped);
		assertThat(this.heartbeat.isRunning()).isFalse();
	}

	private List<Path> tempFiles() throws IOException {
		try (Stream<Path> files = Files.list(this.directory)) {
			return files.filter((path) -> path.getFileName().toString().endsWith(".tmp")).toList();
		}
	}

	/**
	 * A UTC clock that takes its time when the beat thread reads it, as a slow disk takes
	 * its time in each beat's write, and notes when each of those reads was asked for and
	 * answered.
	 */
	private static final class SlowBeatClock extends Clock {

		private final Duration delay;

		private final Map<Instant, Read> reads = new ConcurrentHashMap<>();

		SlowBeatClock(Duration delay) {
			this.delay = delay;
		}

		Read readFor(BeatOutcome beat) {
			return this.reads.get(beat.timestamp());
		}

		@Override
		public Instant instant() {
			Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
			if (Heartbeat.THREAD_NAME.equals(Thread.currentThread().getName())) {
				long asked = System.nanoTime();
				// the fault itself: the beat thread is held, as by a write to a slow disk
				for (long left = this.delay.toNanos(); left > 0; left = asked + this.delay.toNanos()
						- System.nanoTime()) {
					LockSupport.parkNanos(left);
				}
				this.reads.put(now, new Read(asked, System.nanoTime()));
			}
			return now;
		}

		@Override
		public ZoneId getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(ZoneId zone) {
			return this;
		}

		record Read(long askedNanos, long answeredNanos) {
		}

	}

}
