package dev.heartbeat.fleet;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;
import org.springframework.aot.hint.predicate.RuntimeHintsPredicates;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.support.SpringFactoriesLoader;

import static org.assertj.core.api.Assertions.assertThat;

class FleetRuntimeHintsTests {

	private final RuntimeHints hints = new RuntimeHints();

	@ParameterizedTest
	@ValueSource(strings = { "postgresql", "h2", "mysql" })
	void everySchemaScriptIsInANativeImage(String platform) {
		new FleetRuntimeHints().registerHints(this.hints, getClass().getClassLoader());
		String location = FleetSchema.location(platform);
		assertThat(new ClassPathResource(location)).as("the script itself").matches(ClassPathResource::exists);
		assertThat(RuntimeHintsPredicates.resource().forResource(location)).accepts(this.hints);
	}

	@Test
	void nothingElseOfThePackageIsIncluded() {
		new FleetRuntimeHints().registerHints(this.hints, getClass().getClassLoader());
		assertThat(RuntimeHintsPredicates.resource().forResource("dev/heartbeat/fleet/FleetSchema.class"))
			.rejects(this.hints);
	}

	@Test
	void isRegisteredForSpringAotProcessing() {
		assertThat(SpringFactoriesLoader.forResourceLocation("META-INF/spring/aot.factories")
			.load(RuntimeHintsRegistrar.class)).hasAtLeastOneElementOfType(FleetRuntimeHints.class);
	}

}
