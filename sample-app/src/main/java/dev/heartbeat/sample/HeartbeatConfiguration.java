package dev.heartbeat.sample;

import java.lang.management.ManagementFactory;
import java.util.Map;

import dev.heartbeat.HeartbeatMetadataContributor;
import dev.heartbeat.event.MissedBeatEvent;
import dev.heartbeat.event.PeerDeadEvent;
import dev.heartbeat.event.TargetDeadEvent;
import dev.heartbeat.event.TargetRecoveredEvent;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;

/**
 * What an application adds to the heartbeat beyond properties: dynamic metadata, and
 * reactions to its events.
 */
@Configuration(proxyBeanMethods = false)
class HeartbeatConfiguration {

	private static final Log logger = LogFactory.getLog(HeartbeatConfiguration.class);

	@Bean
	HeartbeatMetadataContributor uptimeMetadata() {
		return () -> Map.of("uptimeSeconds", ManagementFactory.getRuntimeMXBean().getUptime() / 1000);
	}

	@EventListener
	void onTargetDead(TargetDeadEvent event) {
		logger.warn("Heartbeat found '" + event.getTargetName() + "' dead; recovering it");
	}

	@EventListener
	void onTargetRecovered(TargetRecoveredEvent event) {
		logger.info("Heartbeat found '" + event.getTargetName() + "' alive again");
	}

	@EventListener
	void onPeerDead(PeerDeadEvent event) {
		logger.warn("Fleet peer '" + event.getInstanceId() + "' is dead; its work would be failed over here");
	}

	@EventListener
	void onMissedBeat(MissedBeatEvent event) {
		logger.error("Heartbeat missed a beat: " + event.getFailure().getMessage());
	}

}
