package dev.heartbeat.benchmarks.startup;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

import javax.management.ObjectName;

import com.sun.management.HotSpotDiagnosticMXBean;

import dev.heartbeat.benchmarks.startup.StepRecorder.Step;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * A minimal web application with Actuator, started once per JVM by {@link StartupCost}:
 * with the heartbeat's jar on its classpath or without it. It prints the time to
 * {@link ApplicationReadyEvent} (wall and main-thread CPU), the classes loaded by then,
 * the heap retained after a full collection, and the live threads; and, from its recorded
 * start-up steps, the time spent creating the heartbeat's beans, the heartbeat's start
 * (between two {@link PhaseMarker}s; its CPU time is the heartbeat's threads'), the
 * parsing of the configuration classes and the binding of the meters.
 */
@SpringBootApplication
@RestController
public class StartupApp {

	@GetMapping("/")
	String hello() {
		return "hello";
	}

	@Bean
	static PhaseMarker beforeHeartbeat() {
		return new PhaseMarker(PhaseMarker.HEARTBEAT_PHASE - 1);
	}

	@Bean
	static PhaseMarker afterHeartbeat() {
		return new PhaseMarker(PhaseMarker.HEARTBEAT_PHASE + 1);
	}

	public static void main(String[] args) throws Exception {
		long mainStarted = System.nanoTime();
		long[] atReady = new long[4];
		ThreadMXBean threadBean = ManagementFactory.getThreadMXBean();
		SpringApplication application = new SpringApplication(StartupApp.class);
		StepRecorder startup = new StepRecorder();
		application.setApplicationStartup(startup);
		application.addListeners((ApplicationReadyEvent event) -> {
			atReady[0] = System.nanoTime();
			atReady[1] = threadBean.getCurrentThreadCpuTime();
			atReady[2] = ManagementFactory.getClassLoadingMXBean().getLoadedClassCount();
			atReady[3] = heartbeatThreadsCpuNanos(threadBean);
			// in -Xlog:class+load, the classes loaded by ready are those before this one
			ReadyMark.class.getName();
		});
		ConfigurableApplicationContext context = application.run(args);
		long uptimeAtReady = ManagementFactory.getRuntimeMXBean().getUptime();
		// drained now, so that the recorded steps are not counted in the heap
		List<Step> recorded = startup.drain();
		StarterSteps steps = StarterSteps.of(recorded, context.getBeanFactory());
		double beansMillis = steps.heartbeatBeansMillis();
		double beansCpuMillis = steps.heartbeatBeansCpuMillis();
		double beansClassMillis = steps.heartbeatBeansClassMillis();
		double parseMillis = steps.stepMillis("spring.context.config-classes.parse");
		double parseCpuMillis = steps.stepCpuMillis("spring.context.config-classes.parse");
		double refreshMillis = steps.stepMillis("spring.context.refresh");
		// every MeterBinder, the heartbeat's among them, is bound here, after the
		// singletons are created
		double bindMillis = steps.stepMillis("spring.beans.smart-initialize", "meterRegistryPostProcessor");
		double bindCpuMillis = steps.stepCpuMillis("spring.beans.smart-initialize", "meterRegistryPostProcessor");
		PhaseMarker before = context.getBean("beforeHeartbeat", PhaseMarker.class);
		PhaseMarker after = context.getBean("afterHeartbeat", PhaseMarker.class);
		double startMillis = (after.startedNanos() - before.startedNanos()) / 1e6;
		// the first beat runs on the heartbeat's threads while the main thread waits for
		// it
		double startCpuMillis = (after.startedCpuNanos() - before.startedCpuNanos() + atReady[3]) / 1e6;
		double startClassMillis = (after.startedClassNanos() - before.startedClassNanos()) / 1e6;
		steps = null;
		String dumpTo = System.getProperty("startup.dump");
		StartupDump dump = (dumpTo != null) ? StartupDump.to(Path.of(dumpTo)) : null;
		if (dump != null) {
			dump.steps(recorded);
			dump.beans(context);
			dump.conditions(context);
		}
		recorded = null;
		// let start-up's stragglers (the first beat's callbacks, lazy pools) settle
		// before counting
		Thread.sleep(1500);
		for (int i = 0; i < 3; i++) {
			System.gc();
			Thread.sleep(100);
		}
		long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
		String histogram = classHistogram();
		long live = liveBytes(histogram);
		Thread[] threads = Thread.getAllStackTraces().keySet().toArray(new Thread[0]);
		if (dump != null) {
			dump.histogram(histogram);
			dump.threads(threads);
			if (Boolean.getBoolean("startup.heapdump")) {
				// live objects only, for startup_owners.py
				ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class)
					.dumpHeap(Path.of(dumpTo, "heap.hprof").toString(), true);
			}
		}
		String heartbeatThreads = Arrays.stream(threads)
			.map(Thread::getName)
			.filter((name) -> name.startsWith("heartbeat"))
			.sorted()
			.collect(Collectors.joining(","));
		System.out.printf("STARTUP ready_ms=%.2f uptime_ms=%d main_cpu_ms=%.2f classes=%d heap_bytes=%d live_bytes=%d "
				+ "threads=%d heartbeat_threads=%s beans_ms=%.3f beans_cpu_ms=%.3f start_ms=%.3f start_cpu_ms=%.3f "
				+ "parse_ms=%.2f parse_cpu_ms=%.2f bind_ms=%.2f bind_cpu_ms=%.2f refresh_ms=%.2f beans_class_ms=%.3f "
				+ "start_class_ms=%.3f%n", (atReady[0] - mainStarted) / 1e6, uptimeAtReady, atReady[1] / 1e6,
				atReady[2], heap, live, threads.length, heartbeatThreads.isEmpty() ? "-" : heartbeatThreads,
				beansMillis, beansCpuMillis, startMillis, startCpuMillis, parseMillis, parseCpuMillis, bindMillis,
				bindCpuMillis, refreshMillis, beansClassMillis, startClassMillis);
		context.close();
		System.exit(0);
	}

	// the CPU time of the heartbeat's threads so far: at ready, its first beat and that
	// beat's callbacks
	private static long heartbeatThreadsCpuNanos(ThreadMXBean threadBean) {
		return Thread.getAllStackTraces()
			.keySet()
			.stream()
			.filter((thread) -> thread.getName().startsWith("heartbeat"))
			.mapToLong((thread) -> Math.max(0, threadBean.getThreadCpuTime(thread.getId())))
			.sum();
	}

	// the class histogram after a full collection, as jcmd's GC.class_histogram
	private static String classHistogram() throws Exception {
		return (String) ManagementFactory.getPlatformMBeanServer()
			.invoke(new ObjectName("com.sun.management:type=DiagnosticCommand"), "gcClassHistogram",
					new Object[] { null }, new String[] { String[].class.getName() });
	}

	// the bytes of the objects alive, the histogram's total
	private static long liveBytes(String histogram) {
		String[] lines = histogram.strip().split("\n");
		String[] total = lines[lines.length - 1].trim().split("\\s+");
		return Long.parseLong(total[2]);
	}

}
