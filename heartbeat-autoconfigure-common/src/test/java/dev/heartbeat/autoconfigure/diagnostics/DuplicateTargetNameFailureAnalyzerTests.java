package dev.heartbeat.autoconfigure.diagnostics;

import java.nio.file.Path;

import dev.heartbeat.HeartbeatTarget;
import dev.heartbeat.autoconfigure.HeartbeatAutoConfiguration;
import dev.heartbeat.autoconfigure.HeartbeatBuilderCustomizer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

class DuplicateTargetNameFailureAnalyzerTests {

	@TempDir
	Path directory;

	@Test
	void targetAddedByACustomizerUnderABeansNameNamesBothAndTheFix() {
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(HeartbeatAutoConfiguration.class))
			.withPropertyValues("heartbeat.state-file=" + this.directory.resolve("app.heartbeat"))
			.withBean("feed", HeartbeatTarget.class, () -> () -> false)
			.withBean(HeartbeatBuilderCustomizer.class, () -> (builder) -> builder.target(new Feed()))
			.run((context) -> {
				assertThat(context).hasFailed();
				FailureAnalysis analysis = new DuplicateTargetNameFailureAnalyzer()
					.analyze(context.getStartupFailure());
				assertThat(analysis.getDescription()).startsWith("Two heartbeat targets are named 'feed': a ")
					.contains(" and a " + Feed.class.getName() + ".");
				assertThat(analysis.getAction()).startsWith("Give each target its own name").contains("override it");
			});
	}

	static class Feed implements HeartbeatTarget {

		@Override
		public boolean isDead() {
			return false;
		}

		@Override
		public String name() {
			return "feed";
		}

	}

}
