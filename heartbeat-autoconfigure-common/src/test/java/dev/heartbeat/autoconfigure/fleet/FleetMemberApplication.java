package dev.heartbeat.autoconfigure.fleet;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;

import dev.heartbeat.autoconfigure.BootLine;
import dev.heartbeat.autoconfigure.HeartbeatAutoConfiguration;
import dev.heartbeat.autoconfigure.fleet.HeartbeatFleetAutoConfiguration;
import dev.heartbeat.event.PeerDeadEvent;
import dev.heartbeat.event.PeerEvent;
import dev.heartbeat.event.PeerJoinedEvent;
import dev.heartbeat.event.PeerStoppedEvent;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.event.EventListener;

/**
 * One instance of a fleet, as an application would run it: in this JVM for most tests, or
 * as its own JVM ({@link #main}) for the one that is killed. The child prints each peer
 * event on a line of its own, such as {@code joined orders-a}.
 */
@SpringBootConfiguration(proxyBeanMethods = false)
@ImportAutoConfiguration({ HeartbeatAutoConfiguration.class, HeartbeatFleetAutoConfiguration.class })
@Import(BootLine.DataStores.class)
public class FleetMemberApplication {

	@Bean
	PeerEvents peerEvents() {
		return new PeerEvents();
	}

	/**
	 * Start an instance.
	 * @param properties its properties, {@code name=value}
	 * @return its running context
	 */
	static ConfigurableApplicationContext run(String... properties) {
		return new SpringApplicationBuilder(FleetMemberApplication.class).web(WebApplicationType.NONE)
			.properties(properties)
			.run();
	}

	public static void main(String[] args) throws InterruptedException {
		ConfigurableApplicationContext context = run(args);
		context.getBean(PeerEvents.class).print = true;
		System.out.println("started");
		// every thread of a heartbeat is a daemon: keep the JVM running until it is
		// killed
		new CountDownLatch(1).await();
	}

	/**
	 * Records the peer events this instance sees.
	 */
	static class PeerEvents {

		final List<String> events = new CopyOnWriteArrayList<>();

		// when each event was first seen, by this host's clock
		final Map<String, Instant> times = new ConcurrentHashMap<>();

		volatile boolean print;

		@EventListener
		void on(PeerEvent event) {
			String kind = (event instanceof PeerJoinedEvent) ? "joined"
					: (event instanceof PeerDeadEvent) ? "dead" : (event instanceof PeerStoppedEvent) ? "stopped" : "?";
			String line = kind + " " + event.getInstanceId();
			this.times.putIfAbsent(line, Instant.now());
			this.events.add(line);
			if (this.print) {
				System.out.println(line);
			}
		}

	}

}
