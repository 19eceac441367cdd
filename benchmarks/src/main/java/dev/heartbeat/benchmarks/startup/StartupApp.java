package dev.heartbeat.benchmarks.startup;

import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.stream.Collectors;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * A minimal web application with Actuator, started once per JVM by {@link StartupCost}: with the
 * heartbeat's jar on its classpath or without it. It prints the time to
 * {@link ApplicationReadyEvent}, the heap retained after a full collection, and the live threads.
 */
@SpringBootApplication
@RestController
public class StartupApp {

	@GetMapping("/")
	String hello() {
		return "hello";
	}

	public static void main(String[] args) throws Exception {
		long mainStarted = System.nanoTime();
		long[] readyNanos = new long[1];
		SpringApplication application = new SpringApplication(StartupApp.class);
		application.addListeners((ApplicationReadyEvent event) -> readyNanos[0] = System.nanoTime());
		ConfigurableApplicationContext context = application.run(args);
		long uptimeAtReady = ManagementFactory.getRuntimeMXBean().getUptime();
		// let start-up's stragglers (the first beat's callbacks, lazy pools) settle before counting
		Thread.sleep(1500);
		for (int i = 0; i < 3; i++) {
			System.gc();
			Thread.sleep(100);
		}
		long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
		Thread[] threads = Thread.getAllStackTraces().keySet().toArray(new Thread[0]);
		String heartbeatThreads = Arrays.stream(threads)
			.map(Thread::getName)
			.filter((name) -> name.startsWith("heartbeat"))
			.sorted()
			.collect(Collectors.joining(","));
		System.out.printf("STARTUP ready_ms=%.2f uptime_ms=%d heap_bytes=%d threads=%d heartbeat_threads=%s%n",
				(readyNanos[0] - mainStarted) / 1e6, uptimeAtReady, heap, threads.length,
				heartbeatThreads.isEmpty() ? "-" : heartbeatThreads);
		context.close();
		System.exit(0);
	}

}
