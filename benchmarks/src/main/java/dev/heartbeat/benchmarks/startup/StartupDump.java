package dev.heartbeat.benchmarks.startup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import dev.heartbeat.benchmarks.startup.StepRecorder.Step;

import org.springframework.boot.autoconfigure.condition.ConditionEvaluationReport;
import org.springframework.boot.autoconfigure.condition.ConditionEvaluationReport.ConditionAndOutcome;
import org.springframework.boot.autoconfigure.condition.ConditionEvaluationReport.ConditionAndOutcomes;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Writes what one start of {@link StartupApp} left, for {@code startup-attribution.py} to
 * compare a start with the starter against one without it: the bean names and types, the
 * outcome of every condition, the threads, the class histogram and every start-up step.
 * Written only with {@code -Dstartup.dump=<directory>}.
 */
final class StartupDump {

	private final Path directory;

	private StartupDump(Path directory) {
		this.directory = directory;
	}

	static StartupDump to(Path directory) throws IOException {
		Files.createDirectories(directory);
		return new StartupDump(directory);
	}

	void beans(ConfigurableApplicationContext context) throws IOException {
		List<String> lines = new ArrayList<>();
		for (String name : context.getBeanFactory().getBeanDefinitionNames()) {
			Class<?> type = context.getBeanFactory().getType(name, false);
			lines.add(name + "\t" + ((type != null) ? type.getName() : "?"));
		}
		for (String name : context.getBeanFactory().getSingletonNames()) {
			if (!context.getBeanFactory().containsBeanDefinition(name)) {
				Object singleton = context.getBeanFactory().getSingleton(name);
				lines.add(name + "\t" + ((singleton != null) ? singleton.getClass().getName() : "?"));
			}
		}
		write("beans.txt", lines);
	}

	// one line per condition: the class or method it guards, matched or not, the
	// condition
	// and its message
	void conditions(ConfigurableApplicationContext context) throws IOException {
		ConditionEvaluationReport report = ConditionEvaluationReport.get(context.getBeanFactory());
		List<String> lines = new ArrayList<>();
		for (Map.Entry<String, ConditionAndOutcomes> entry : report.getConditionAndOutcomesBySource().entrySet()) {
			for (ConditionAndOutcome outcome : entry.getValue()) {
				lines.add(entry.getKey() + "\t" + (outcome.getOutcome().isMatch() ? "match" : "NO") + "\t"
						+ outcome.getCondition().getClass().getSimpleName() + "\t" + outcome.getOutcome().getMessage());
			}
		}
		report.getExclusions().forEach((name) -> lines.add(name + "\texcluded"));
		report.getUnconditionalClasses().forEach((name) -> lines.add(name + "\tunconditional"));
		write("conditions.txt", lines);
	}

	void threads(Thread[] threads) throws IOException {
		write("threads.txt", Arrays.stream(threads).map(Thread::getName).sorted().toList());
	}

	void histogram(String histogram) throws IOException {
		Files.writeString(this.directory.resolve("histogram.txt"), histogram);
	}

	// every step: id, parent, name, wall and CPU time, tags, class-loading and verifying
	// time
	void steps(List<Step> steps) throws IOException {
		List<String> lines = new ArrayList<>();
		for (Step step : steps) {
			StringBuilder tags = new StringBuilder();
			step.getTags().forEach((tag) -> tags.append(tag.getKey()).append('=').append(tag.getValue()).append(' '));
			Step parent = step.parent();
			lines.add(String.format("%d\t%s\t%s\t%.3f\t%.3f\t%s\t%.3f\t%.3f", step.getId(),
					(parent != null) ? parent.getId() : "-", step.getName(), step.wallMillis(), step.cpuMillis(),
					tags.toString().strip(), step.classMillis(), step.verifyMillis()));
		}
		write("steps.txt", lines);
	}

	private void write(String name, List<String> lines) throws IOException {
		Files.write(this.directory.resolve(name), lines);
	}

}
