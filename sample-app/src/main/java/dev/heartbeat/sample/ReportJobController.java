package dev.heartbeat.sample;

import java.util.Map;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Shows the scheduled export and lets a user make it hang, throw, and work again, to
 * watch its state in {@code /actuator/heartbeat} and in the state file's {@code tasks}.
 */
@RestController
@RequestMapping("/report-job")
class ReportJobController {

	private final ReportJob job;

	ReportJobController(ReportJob job) {
		this.job = job;
	}

	@GetMapping
	Map<String, Object> status() {
		return Map.of("hanging", this.job.isHanging(), "failing", this.job.isFailing(), "exports", this.job.exports());
	}

	@PostMapping("/hang")
	Map<String, Object> hang() {
		this.job.hang();
		return status();
	}

	@PostMapping("/fail")
	Map<String, Object> fail() {
		this.job.fail(true);
		return status();
	}

	@PostMapping("/release")
	Map<String, Object> release() {
		this.job.release();
		this.job.fail(false);
		return status();
	}

}
