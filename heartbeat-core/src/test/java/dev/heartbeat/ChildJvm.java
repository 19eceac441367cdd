package dev.heartbeat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A second JVM that runs a test main class, with its output lines collected as they come,
 * for tests that need another process (an OS lock, SIGKILL, another user).
 */
public final class ChildJvm implements AutoCloseable {

	private static final String JAVA = Path.of(System.getProperty("java.home"), "bin", "java").toString();

	private final Process process;

	private final List<String> lines = new CopyOnWriteArrayList<>();

	private ChildJvm(Process process) {
		this.process = process;
		Thread reader = new Thread(this::collect, "child-" + process.pid());
		reader.setDaemon(true);
		reader.start();
	}

	/**
	 * Start a JVM with this JVM's class path.
	 * @param main the class whose main method to run
	 * @param args its arguments
	 * @return the child
	 * @throws IOException if it cannot be started
	 */
	public static ChildJvm start(Class<?> main, String... args) throws IOException {
		return start(List.of(), System.getProperty("java.class.path"), main, args);
	}

	/**
	 * Start a JVM, run through a command such as {@code setpriv}, with a given class
	 * path.
	 * @param runAs the command and options that run {@code java}, empty for none
	 * @param classPath the class path
	 * @param main the class whose main method to run
	 * @param args its arguments
	 * @return the child
	 * @throws IOException if it cannot be started
	 */
	public static ChildJvm start(List<String> runAs, String classPath, Class<?> main, String... args)
			throws IOException {
		return start(runAs, List.of(), classPath, main, args);
	}

	/**
	 * Start a JVM, run through a command such as {@code setpriv}, with options of its own
	 * (such as {@code -Djava.io.tmpdir=…}) and a given class path.
	 * @param runAs the command and options that run {@code java}, empty for none
	 * @param jvmOptions options of the JVM, before its class path
	 * @param classPath the class path
	 * @param main the class whose main method to run
	 * @param args its arguments
	 * @return the child
	 * @throws IOException if it cannot be started
	 */
	public static ChildJvm start(List<String> runAs, List<String> jvmOptions, String classPath, Class<?> main,
			String... args) throws IOException {
		List<String> command = new ArrayList<>(runAs);
		// quick start-up: these JVMs live for a second or less
		command.addAll(List.of(JAVA, "-Xshare:auto", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx64m"));
		command.addAll(jvmOptions);
		command.addAll(List.of("-cp", classPath, main.getName()));
		command.addAll(List.of(args));
		return new ChildJvm(new ProcessBuilder(command).redirectErrorStream(true).start());
	}

	/**
	 * A class path of only what the engine needs (its classes, the test classes, Jackson
	 * and Commons Logging), copied to a directory that every user can read.
	 * @param directory where to copy it
	 * @return the class path
	 * @throws IOException if it cannot be copied
	 */
	public static String copyEngineClassPath(Path directory) throws IOException {
		List<String> entries = new ArrayList<>();
		int index = 0;
		for (Class<?> type : List.of(Heartbeat.class, ChildJvm.class, tools.jackson.core.json.JsonFactory.class,
				org.apache.commons.logging.LogFactory.class)) {
			Path source;
			try {
				source = Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
			}
			catch (java.net.URISyntaxException ex) {
				throw new IOException(ex);
			}
			Path target = directory.resolve((index++) + "-" + source.getFileName());
			if (Files.isDirectory(source)) {
				copyRecursively(source, target);
			}
			else {
				Files.copy(source, target);
			}
			entries.add(target.toString());
		}
		try (Stream<Path> paths = Files.walk(directory)) {
			for (Path path : paths.toList()) {
				Files.setPosixFilePermissions(path,
						PosixFilePermissions.fromString(Files.isDirectory(path) ? "rwxr-xr-x" : "rw-r--r--"));
			}
		}
		return String.join(java.io.File.pathSeparator, entries);
	}

	/**
	 * The child's process.
	 * @return the process
	 */
	public Process process() {
		return this.process;
	}

	/**
	 * The child's pid.
	 * @return the pid
	 */
	public long pid() {
		return this.process.pid();
	}

	/**
	 * The lines the child printed so far.
	 * @return the lines, oldest first
	 */
	public List<String> lines() {
		return List.copyOf(this.lines);
	}

	/**
	 * Whether the child printed a line that starts with a prefix.
	 * @param prefix the prefix
	 * @return {@code true} if it did
	 */
	public boolean printed(String prefix) {
		return this.lines.stream().anyMatch((line) -> line.startsWith(prefix));
	}

	/**
	 * Close the child's standard input, which tells the test mains here to finish.
	 * @throws IOException if it cannot be closed
	 */
	public void closeInput() throws IOException {
		this.process.getOutputStream().close();
	}

	/**
	 * Kill the child with SIGKILL and wait for it to be gone.
	 */
	@Override
	public void close() throws InterruptedException {
		this.process.destroyForcibly();
		this.process.waitFor(30, TimeUnit.SECONDS);
	}

	private void collect() {
		try (BufferedReader reader = new BufferedReader(
				new InputStreamReader(this.process.getInputStream(), StandardCharsets.UTF_8))) {
			for (String line = reader.readLine(); line != null; line = reader.readLine()) {
				this.lines.add(line);
			}
		}
		catch (IOException ex) {
			// the child is gone
		}
	}

	private static void copyRecursively(Path source, Path target) throws IOException {
		try (Stream<Path> paths = Files.walk(source)) {
			for (Path path : (Iterable<Path>) paths::iterator) {
				Files.copy(path, target.resolve(source.relativize(path).toString()));
			}
		}
	}

}
