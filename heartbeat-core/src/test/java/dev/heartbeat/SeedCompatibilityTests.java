package dev.heartbeat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Runs the Python heartbeat this library re-creates (the seed, in {@code shared/seed}
 * beside the project) against files written here, and reads files it writes. Skipped,
 * with the reason, where there is no {@code python3} or no seed.
 */
class SeedCompatibilityTests {

	private static Path seed;

	@TempDir
	Path directory;

	@BeforeAll
	static void findSeedAndPython() throws Exception {
		seed = findSeed();
		assumeTrue(seed != null, "the seed (shared/seed/kstlib) is not beside this project");
		assumeTrue(python("import typing_extensions").exitCode() == 0,
				"python3 with typing_extensions is not installed");
	}

	@Test
	void theSeedsIsAliveAndReadStateAcceptOurFile() throws Exception {
		Path file = this.directory.resolve("java.heartbeat");
		Heartbeat.builder()
			.stateFile(file)
			.metadata(Map.of("version", "1.0.0", "caf\u00e9", "cr\u00e8me"))
			.target("ws", () -> false)
			.build()
			.beat();
		PythonResult result = python(
				"from kstlib.resilience.heartbeat import Heartbeat\n" + "s = Heartbeat.read_state(sys.argv[1])\n"
						+ "print(Heartbeat.is_alive(sys.argv[1], 30), s.pid, s.hostname, sorted(s.metadata.items()))",
				file);
		assertThat(result.exitCode()).as(result.output()).isZero();
		assertThat(result.output().strip()).isEqualTo("True " + ProcessHandle.current().pid() + " "
				+ ProcessIdentity.HOSTNAME + " [('caf\u00e9', 'cr\u00e8me'), ('version', '1.0.0')]");
	}

	@Test
	void weReadTheSeedsFile() throws Exception {
		Path file = this.directory.resolve("python.heartbeat");
		PythonResult result = python(
				"from kstlib.resilience.heartbeat import Heartbeat\n"
						+ "Heartbeat(sys.argv[1], metadata={'version': '2.0.0'}).beat()\n" + "print(os.getpid())",
				file);
		assertThat(result.exitCode()).as(result.output()).isZero();
		HeartbeatState state = HeartbeatState.read(file).orElseThrow();
		assertThat(state.pid()).isEqualTo(Long.parseLong(result.output().strip()));
		assertThat(state.hostname()).isEqualTo(ProcessIdentity.HOSTNAME);
		assertThat(state.metadata()).containsExactly(Map.entry("version", "2.0.0"));
		assertThat(state.isFresh(Duration.ofSeconds(30), Clock.systemUTC())).isTrue();
		assertThat(HeartbeatState.isAlive(file, Duration.ofSeconds(30))).isTrue();
	}

	private static PythonResult python(String script, Path... arguments) throws IOException, InterruptedException {
		String prelude = "import os, sys\n" + ((seed != null) ? "sys.path.insert(0, " + quote(seed) + ")\n" : "");
		String[] command = new String[3 + arguments.length];
		command[0] = "python3";
		command[1] = "-c";
		command[2] = prelude + script;
		for (int i = 0; i < arguments.length; i++) {
			command[3 + i] = arguments[i].toString();
		}
		Process process;
		try {
			process = new ProcessBuilder(command).redirectErrorStream(true).start();
		}
		catch (IOException ex) {
			return new PythonResult(-1, ex.toString());
		}
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		if (!process.waitFor(60, TimeUnit.SECONDS)) {
			process.destroyForcibly();
		}
		return new PythonResult(process.exitValue(), output);
	}

	private static String quote(Path path) {
		return "'" + path.toString().replace("\\", "\\\\").replace("'", "\\'") + "'";
	}

	private static Path findSeed() {
		for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
			Path candidate = dir.resolve("shared/seed");
			if (Files.isRegularFile(candidate.resolve("kstlib/resilience/heartbeat.py"))) {
				return candidate;
			}
		}
		return null;
	}

	private record PythonResult(int exitCode, String output) {
	}

}
