package dev.heartbeat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;

import ch.qos.logback.classic.Level;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Metadata contributors are user code, isolated as targets are: called off the beat
 * thread, waited for no longer than a timeout, never twice at once.
 */
class MetadataContributorTests {

	private static final Duration GENEROUS = Duration.ofSeconds(30);

	private final CountDownLatch never = new CountDownLatch(1);

	private final ExecutorService workers = Executors.newCachedThreadPool();

	private Heartbeat heartbeat;

	@AfterEach
	void stop() {
		this.never.countDown();
		if (this.heartbeat != null) {
			this.heartbeat.stop();
		}
		this.workers.shutdownNow();
	}

	@Test
	void aContributorThatNeverReturnsDelaysNeitherStartNorTheBeats() {
		AtomicInteger hungCalls = new AtomicInteger();
		List<String> hungThreads = new CopyOnWriteArrayList<>();
		AtomicInteger counted = new AtomicInteger();
		try (LogRecorder log = new LogRecorder()) {
			this.heartbeat = Heartbeat.builder().interval(Duration.ofSeconds(1)).metadataContributor(() -> {
				hungCalls.incrementAndGet();
				hungThreads.add(Thread.currentThread().getName());
				awaitNever();
				return Map.of("hung", true);
			}).metadataContributor(() -> Map.of("counted", counted.incrementAndGet())).build();
			CompletableFuture<Void> started = CompletableFuture.runAsync(this.heartbeat::start);
			await().atMost(GENEROUS).until(started::isDone);
			await().atMost(GENEROUS).until(() -> this.heartbeat.lastState().orElseThrow().seq() >= 5);
			// every beat carries the contributor that answers, none the one that never
			// does
			assertThat(this.heartbeat.recentBeats()).extracting(BeatOutcome::isSuccess).containsOnly(true);
			assertThat(this.heartbeat.lastState().orElseThrow().metadata()).containsOnlyKeys("counted");
			assertThat(hungCalls).hasValue(1);
			assertThat(hungThreads).singleElement().asString().startsWith(Heartbeat.THREAD_NAME + "-worker-");
			assertThat(log.count(Level.WARN, "did not answer within")).isOne();
		}
	}

	@Test
	void aContributorLateToAnswerHasItsLastValuesWrittenUntilItAnswers() {
		Semaphore answers = new Semaphore(1);
		AtomicInteger calls = new AtomicInteger();
		this.heartbeat = Heartbeat.builder()
			.callbackExecutor(this.workers)
			.metadataTimeout(Duration.ofSeconds(2))
			.metadataContributor(() -> {
				int call = calls.incrementAndGet();
				answers.acquireUninterruptibly();
				return Map.of("call", call);
			})
			.build();
		try (LogRecorder log = new LogRecorder()) {
			assertThat(this.heartbeat.beat().metadata()).containsEntry("call", 1);
			// the second call hangs: the first answer stands in, and no third call starts
			assertThat(this.heartbeat.beat().metadata()).containsEntry("call", 1);
			assertThat(this.heartbeat.beat().metadata()).containsEntry("call", 1);
			assertThat(calls).hasValue(2);
			answers.release(2);
			await().atMost(GENEROUS).until(() -> this.heartbeat.beat().metadata().get("call").equals(3));
			assertThat(log.count(Level.WARN, "did not answer within PT2S; its last values are written")).isOne();
			assertThat(log.count(Level.INFO, "answers again")).isOne();
		}
	}

	@Test
	void aThrowingContributorIsLeftOutOfEachBeatAndLoggedOncePerEpisode() {
		AtomicInteger calls = new AtomicInteger();
		this.heartbeat = Heartbeat.builder().metadataContributor(() -> {
			if (calls.incrementAndGet() <= 3) {
				throw new IllegalStateException("contributor failure");
			}
			return Map.of("calls", calls.get());
		}).build();
		try (LogRecorder log = new LogRecorder()) {
			for (int beat = 0; beat < 3; beat++) {
				assertThat(this.heartbeat.beat().metadata()).isEmpty();
			}
			assertThat(this.heartbeat.beat().metadata()).containsEntry("calls", 4);
			assertThat(log.count(Level.WARN, "contributor failure")).isOne();
			assertThat(log.count(Level.INFO, "answers again")).isOne();
		}
	}

	@Test
	void aMetadataTimeoutLongerThanHalfTheIntervalIsLowered() {
		try (LogRecorder log = new LogRecorder()) {
			Heartbeat.builder().interval(Duration.ofSeconds(2)).metadataTimeout(Duration.ofSeconds(5)).build();
			assertThat(log.count(Level.WARN, "metadata timeout PT5S is longer than half the interval; using PT1S"))
				.isOne();
		}
	}

	private void awaitNever() {
		try {
			this.never.await();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
