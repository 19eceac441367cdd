package dev.heartbeat.sample;

import java.util.Map;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Shows the work loop and lets a user stall it, to watch the heartbeat find it dead,
 * escalate once its recovery attempts run out and fail liveness, and resume it, to watch
 * liveness come back.
 */
@RestController
@RequestMapping("/worker")
class WorkerController {

	private final Worker worker;

	WorkerController(Worker worker) {
		this.worker = worker;
	}

	@GetMapping
	Map<String, Object> status() {
		return Map.of("stalled", this.worker.isStalled(), "processed", this.worker.processed(), "sinceProgress",
				this.worker.sinceProgress().toString());
	}

	@PostMapping("/stall")
	Map<String, Object> stall() {
		this.worker.stall();
		return status();
	}

	@PostMapping("/resume")
	Map<String, Object> resume() {
		this.worker.resume();
		return status();
	}

}
