package dev.heartbeat.sample;

import java.util.Map;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Shows the simulated upstream connection and lets a user drop it, to watch the heartbeat
 * report it dead and recover it, or take the upstream down, to watch the heartbeat run
 * out of recovery attempts and escalate.
 */
@RestController
@RequestMapping("/upstream")
class UpstreamController {

	private final UpstreamConnection upstream;

	UpstreamController(UpstreamConnection upstream) {
		this.upstream = upstream;
	}

	@GetMapping
	Map<String, Object> status() {
		return Map.of("connected", this.upstream.isConnected(), "upstreamDown", this.upstream.isUpstreamDown(),
				"reconnections", this.upstream.reconnections());
	}

	@PostMapping("/drop")
	Map<String, Object> drop() {
		this.upstream.drop();
		return status();
	}

	@PostMapping("/outage")
	Map<String, Object> outage() {
		this.upstream.outage();
		return status();
	}

	@PostMapping("/reconnect")
	Map<String, Object> reconnect() {
		this.upstream.reconnect();
		return status();
	}

}
