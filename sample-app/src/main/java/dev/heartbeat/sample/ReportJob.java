package dev.heartbeat.sample;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * A scheduled export, watched by the heartbeat as {@code reportJob.export} with no
 * annotation of its own. It can be made to hang, as a run blocked on a socket would, and
 * to throw, to watch the task turn {@code STUCK} (and every other task on Spring's
 * one-thread scheduler {@code OVERDUE}) or {@code FAILED}.
 */
@Component
class ReportJob {

	private final AtomicBoolean failing = new AtomicBoolean();

	private final AtomicLong exports = new AtomicLong();

	private volatile CountDownLatch hang = new CountDownLatch(0);

	@Scheduled(fixedRateString = "${sample.report-job.rate:5s}")
	void export() throws InterruptedException {
		// a hung run holds the scheduler's only thread until it is released
		this.hang.await();
		if (this.failing.get()) {
			throw new IllegalStateException("report store refused the export");
		}
		this.exports.incrementAndGet();
	}

	void hang() {
		if (this.hang.getCount() == 0) {
			this.hang = new CountDownLatch(1);
		}
	}

	void release() {
		this.hang.countDown();
	}

	void fail(boolean failing) {
		this.failing.set(failing);
	}

	boolean isHanging() {
		return this.hang.getCount() > 0;
	}

	boolean isFailing() {
		return this.failing.get();
	}

	long exports() {
		return this.exports.get();
	}

}
