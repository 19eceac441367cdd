package dev.heartbeat.push;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import java.util.List;

import dev.heartbeat.tasks.TaskObservation;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link TaskPushMonitor}, against a real HTTP server.
 */
class TaskPushMonitorTests {

	private final PushServer server;

	private final TaskPushMonitor monitor;

	TaskPushMonitorTests() throws IOException {
		this.server = new PushServer();
		this.monitor = new TaskPushMonitor("reportJob.export", this.server.url("/ping/abc"), Duration.ofSeconds(5));
	}

	@AfterEach
	void close() {
		this.monitor.close();
		this.server.close();
	}

	@Test
	void eachRunIsAStartAndAnEndWithTheSameRunId() {
		this.monitor.onTaskRunStarted("reportJob.export", "run-1");
		this.monitor.onTaskRunEnded("reportJob.export", "run-1", Duration.ofMillis(5), null);
		this.monitor.onTaskRunStarted("reportJob.export", "run-2");
		this.monitor.onTaskRunEnded("reportJob.export", "run-2", Duration.ofMillis(5),
				new UncheckedIOException("upload failed\n\tat secret.Place", new IOException()));
		await().atMost(Duration.ofSeconds(30)).until(() -> this.server.requests().size() == 4);
		List<PushServer.Request> requests = this.server.requests();
		assertThat(requests).extracting(PushServer.Request::path)
			.containsExactly("/ping/abc/start", "/ping/abc", "/ping/abc/start", "/ping/abc/fail");
		assertThat(requests).extracting(PushServer.Request::query)
			.containsExactly("rid=run-1", "rid=run-1", "rid=run-2", "rid=run-2");
		assertThat(requests.get(3).method()).isEqualTo("POST");
		assertThat(requests.get(3).body()).isEqualTo("java.io.UncheckedIOException: upload failed at secret.Place");
	}

	@Test
	void runsOfOtherTasksAreNotPushed() {
		this.monitor.onTaskRunStarted("cleanup.purge", "run-1");
		this.monitor.onTaskRunStarted("reportJob.export", "run-2");
		await().atMost(Duration.ofSeconds(30)).until(() -> !this.server.requests().isEmpty());
		assertThat(this.server.requests()).extracting(PushServer.Request::query).containsExactly("rid=run-2");
	}

	@Test
	void failureBodyIsCut() {
		String body = TaskObservation.failure(new IllegalStateException("x".repeat(2000)));
		assertThat(body).hasSize(TaskObservation.MAX_FAILURE).startsWith("java.lang.IllegalStateException: xxx");
	}

	@Test
	void urlMustBeHttp() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new TaskPushMonitor("a.b", URI.create("ftp://host/x"), Duration.ofSeconds(1)));
	}

}
