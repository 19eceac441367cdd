package dev.heartbeat.autoconfigure;

import java.util.List;
import java.util.Objects;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.core.env.Environment;
import org.springframework.core.io.support.SpringFactoriesLoader;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The analysis that Boot prints when startup fails: the failure analyzers of every
 * {@code spring.factories}, Boot's and ours, loaded and sorted as Boot loads them, the
 * first analysis winning.
 */
public final class StartupFailureAnalysis {

	private StartupFailureAnalysis() {
	}

	/**
	 * The failure analyzers Boot would run, in the order it runs them.
	 * @return the analyzers
	 */
	public static List<FailureAnalyzer> analyzers() {
		return SpringFactoriesLoader.forDefaultResourceLocation()
			.load(FailureAnalyzer.class,
					SpringFactoriesLoader.ArgumentResolver.of(BeanFactory.class, new DefaultListableBeanFactory())
						.and(Environment.class, new MockEnvironment()),
					(factoryType, factoryImplementationName, failure) -> {
						// Boot skips analyzers whose classes are absent, as here those of
						// web applications
					});
	}

	/**
	 * The analysis Boot would print for a startup failure.
	 * @param failure the failure
	 * @return the first analysis
	 */
	public static FailureAnalysis of(Throwable failure) {
		FailureAnalysis analysis = analyzers().stream()
			.map((analyzer) -> analyzer.analyze(failure))
			.filter(Objects::nonNull)
			.findFirst()
			.orElse(null);
		assertThat(analysis).as("Boot's analysis of %s", failure).isNotNull();
		return analysis;
	}

}
