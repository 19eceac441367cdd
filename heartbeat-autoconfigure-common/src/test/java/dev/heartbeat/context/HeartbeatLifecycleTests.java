package dev.heartbeat.context;

import java.nio.file.Path;
import java.util.List;

import dev.heartbeat.Heartbeat;
import dev.heartbeat.HeartbeatState;
import dev.heartbeat.HeartbeatStatus;
import dev.heartbeat.RecordingListener;
import dev.heartbeat.autoconfigure.HeartbeatAutoConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

class HeartbeatLifecycleTests {

	@TempDir
	Path directory;

	@Test
	void statusFollowsTheApplicationFromStartingToStopped() {
		Path file = this.directory.resolve("app.heartbeat");
		RecordingListener listener = new RecordingListener();
		ConfigurableApplicationContext context = new SpringApplicationBuilder(Application.class)
			.web(WebApplicationType.NONE)
			.initializers((ctx) -> ctx.getBeanFactory().registerSingleton("recordingListener", listener))
			.run("--heartbeat.state-file=" + file, "--heartbeat.interval=300s");
		assertThat(HeartbeatState.read(file).orElseThrow().status()).isEqualTo(HeartbeatStatus.UP);
		context.close();
		List<HeartbeatStatus> statuses = listener.beats.stream().map(HeartbeatState::status).toList();
		assertThat(statuses).containsExactly(HeartbeatStatus.STARTING, HeartbeatStatus.UP, HeartbeatStatus.STOPPING,
				HeartbeatStatus.STOPPED);
		assertThat(HeartbeatState.read(file).orElseThrow().status()).isEqualTo(HeartbeatStatus.STOPPED);
	}

	@Test
	void heartbeatStopsAfterEveryOtherLifecycleBean() {
		Path file = this.directory.resolve("app.heartbeat");
		ConfigurableApplicationContext context = new SpringApplicationBuilder(Application.class, Draining.class)
			.web(WebApplicationType.NONE)
			.run("--heartbeat.state-file=" + file);
		Draining draining = context.getBean(Draining.class);
		context.close();
		// the web server's graceful shutdown is such a bean: beats go on while it drains
		assertThat(draining.heartbeatRunningWhenStopped).isTrue();
	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration(HeartbeatAutoConfiguration.class)
	static class Application {

	}

	static class Draining implements SmartLifecycle {

		private final Heartbeat heartbeat;

		private volatile boolean running;

		volatile boolean heartbeatRunningWhenStopped;

		Draining(Heartbeat heartbeat) {
			this.heartbeat = heartbeat;
		}

		@Override
		public void start() {
			this.running = true;
		}

		@Override
		public void stop() {
			this.heartbeatRunningWhenStopped = this.heartbeat.isRunning()
					&& this.heartbeat.status() == HeartbeatStatus.STOPPING;
			this.running = false;
		}

		@Override
		public boolean isRunning() {
			return this.running;
		}

		@Override
		public int getPhase() {
			return SmartLifecycle.DEFAULT_PHASE - 2048;
		}

	}

}
