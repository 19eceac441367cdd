package dev.heartbeat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs the exec-probe command that the probes page ({@code docs/health-and-probes.md})
 * documents, exactly as written there, with {@code sh -c}.
 */
class ExecProbeTests {

	private static final Path PAGE = Path.of("..", "docs", "health-and-probes.md");

	private static final Pattern DOCUMENTED = Pattern.compile("```sh\\n(f=\"\\$\\{HEARTBEAT_STATE_FILE.*)\\n```");

	private static String command;

	@TempDir
	Path directory;

	@BeforeAll
	static void readTheDocumentedCommand() throws IOException {
		String page = Files.readString(PAGE);
		Matcher matcher = DOCUMENTED.matcher(page);
		assertThat(matcher.find()).as("%s documents the exec probe in a sh block", PAGE).isTrue();
		command = matcher.group(1);
		// the manifest example must carry the same command, so the two cannot drift apart
		assertThat(page).contains("                  " + command);
	}

	@Test
	void passesForAFreshFile() throws Exception {
		Path file = this.directory.resolve("fresh.heartbeat");
		Heartbeat.builder().stateFile(file).maxAge(Duration.ofSeconds(30)).build().beat();
		assertThat(probe(file)).isZero();
	}

	@Test
	void passesForAFreshFileWithEveryKeyARunningHeartbeatWrites() throws Exception {
		Path file = this.directory.resolve("running.heartbeat");
		// a previous run that crashed, so that uncleanRestarts is written too
		Instant earlier = Instant.now().minusSeconds(60);
		Files.writeString(file, new HeartbeatState(earlier, 7, "other-host", Map.of(), HeartbeatStatus.UP, 3,
				Duration.ofSeconds(10), Map.of(), Map.of(), Map.of(), earlier.plusSeconds(30), 0, null, null)
			.toJson());
		Heartbeat heartbeat = Heartbeat.builder().stateFile(file).maxAge(Duration.ofMinutes(10)).build();
		heartbeat.start();
		try {
			HeartbeatState state = HeartbeatState.read(file).orElseThrow();
			assertThat(state.uncleanRestarts()).isOne();
			assertThat(state.lateBy()).isNotNull();
			assertThat(state.maxPause()).isNotNull();
			assertThat(probe(file)).isZero();
		}
		finally {
			heartbeat.stop();
		}
	}

	@Test
	void failsForAStaleFile() throws Exception {
		Path file = this.directory.resolve("stale.heartbeat");
		MutableClock anHourAgo = new MutableClock(Instant.now().minus(Duration.ofHours(1)));
		Heartbeat.builder().stateFile(file).clock(anHourAgo).maxAge(Duration.ofSeconds(30)).build().beat();
		assertThat(probe(file)).isNotZero();
	}

	@Test
	void failsForAStoppedFile() throws Exception {
		Path file = this.directory.resolve("stopped.heartbeat");
		Heartbeat heartbeat = Heartbeat.builder().stateFile(file).maxAge(Duration.ofMinutes(10)).build();
		heartbeat.start();
		heartbeat.stop();
		assertThat(HeartbeatState.read(file).orElseThrow().status()).isEqualTo(HeartbeatStatus.STOPPED);
		assertThat(probe(file)).isNotZero();
	}

	@Test
	void failsForAMissingFile() throws Exception {
		assertThat(probe(this.directory.resolve("missing.heartbeat"))).isNotZero();
	}

	@Test
	void failsForAFileWithoutStaleAfter() throws Exception {
		Path file = this.directory.resolve("python.heartbeat");
		Files.writeString(file, "{\n  \"timestamp\": \"2999-01-01T00:00:00.000000+00:00\",\n  \"pid\": 1,\n"
				+ "  \"hostname\": \"h\",\n  \"metadata\": {}\n}");
		assertThat(probe(file)).isNotZero();
	}

	private static int probe(Path file) throws IOException, InterruptedException {
		ProcessBuilder builder = new ProcessBuilder("sh", "-c", command).redirectErrorStream(true);
		builder.environment().put("HEARTBEAT_STATE_FILE", file.toString());
		Process process = builder.start();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(process.waitFor(30, TimeUnit.SECONDS)).as(output).isTrue();
		return process.exitValue();
	}

}
