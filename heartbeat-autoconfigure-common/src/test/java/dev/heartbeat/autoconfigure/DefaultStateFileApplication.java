package dev.heartbeat.autoconfigure;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

import dev.heartbeat.Heartbeat;
import dev.heartbeat.autoconfigure.health.HeartbeatHealthContributorAutoConfiguration;
import dev.heartbeat.health.HealthView;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * An application with the heartbeat's default configuration, run as a JVM of its own: it
 * prints {@code STARTED <state file>} once started, and {@code HEALTH <status>} (the
 * {@code heartbeat} health component) for each line it reads; it ends when its standard
 * input closes.
 */
@SpringBootConfiguration(proxyBeanMethods = false)
@ImportAutoConfiguration({ HeartbeatAutoConfiguration.class, HeartbeatHealthContributorAutoConfiguration.class })
public class DefaultStateFileApplication {

	public static void main(String[] args) throws IOException {
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(DefaultStateFileApplication.class)
			.web(WebApplicationType.NONE)
			.run(args)) {
			Heartbeat heartbeat = context.getBean(Heartbeat.class);
			Object health = context.getBean("heartbeatHealthIndicator");
			System.out.println("STARTED " + heartbeat.stateFile().orElseThrow());
			BufferedReader input = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
			while (input.readLine() != null) {
				System.out.println("HEALTH " + HealthView.of(health).status());
			}
		}
	}

}
