package dev.heartbeat.autoconfigure;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

import dev.heartbeat.Heartbeat;
import dev.heartbeat.HeartbeatMetadataContributor;
import dev.heartbeat.HeartbeatState;
import dev.heartbeat.HeartbeatStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.awaitility.Awaitility.await;

/**
 * A metadata contributor that never returns stalls neither the application's startup nor
 * its beats.
 */
@ExtendWith(OutputCaptureExtension.class)
class HungMetadataContributorTests {

	private static final Duration GENEROUS = Duration.ofSeconds(60);

	private static final CountDownLatch released = new CountDownLatch(1);

	@TempDir
	Path directory;

	private ConfigurableApplicationContext context;

	@AfterEach
	void close() {
		released.countDown();
		if (this.context != null) {
			this.context.close();
		}
	}

	@Test
	void theApplicationStartsAndBeatsGoOnWithTheLastGoodValuesOrTheKeysLeftOut(CapturedOutput output) {
		Path file = this.directory.resolve("app.heartbeat");
		// with the first beat waiting on the contributors, start() used to wait for
		// ever
		this.context = assertTimeoutPreemptively(GENEROUS,
				() -> new SpringApplicationBuilder(Application.class).web(WebApplicationType.NONE)
					.run("--heartbeat.state-file=" + file, "--heartbeat.interval=1s"));
		Heartbeat heartbeat = this.context.getBean(Heartbeat.class);
		assertThat(heartbeat.isRunning()).isTrue();
		long first = HeartbeatState.read(file).orElseThrow().seq();
		// every beat on schedule, not one per contributor timeout
		await().atMost(GENEROUS).until(() -> HeartbeatState.read(file).orElseThrow().seq() >= first + 3);
		HeartbeatState state = HeartbeatState.read(file).orElseThrow();
		assertThat(state.status()).isEqualTo(HeartbeatStatus.UP);
		assertThat(state.metadata()).containsEntry("version", "1").doesNotContainKey("hung");
		// once per episode, not once per beat
		assertThat(count(output, "WARN", "contributor version did not answer")).isOne();
		assertThat(count(output, "WARN", "contributor hung did not answer")).isOne();
	}

	private static long count(CapturedOutput output, String level, String fragment) {
		return output.getAll().lines().filter((line) -> line.contains(level) && line.contains(fragment)).count();
	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration(HeartbeatAutoConfiguration.class)
	static class Application {

		@Bean
		HeartbeatMetadataContributor version() {
			return new HangingContributor("version", 1);
		}

		@Bean
		HeartbeatMetadataContributor hung() {
			return new HangingContributor("hung", 0);
		}

	}

	/**
	 * Answers its first calls, then never returns until the test ends.
	 */
	static final class HangingContributor implements HeartbeatMetadataContributor {

		private final String name;

		private final int answers;

		private final AtomicInteger calls = new AtomicInteger();

		HangingContributor(String name, int answers) {
			this.name = name;
			this.answers = answers;
		}

		@Override
		public Map<String, ?> metadata() {
			if (this.calls.incrementAndGet() > this.answers) {
				try {
					released.await();
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
			}
			return Map.of(this.name, "1");
		}

		@Override
		public String toString() {
			return this.name;
		}

	}

}
