package dev.heartbeat.sample;

import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.locks.ReentrantLock;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Deadlocks two threads of the sample, on monitors or on {@code ReentrantLock}s, to watch
 * the heartbeat's {@code deadlock} target find them and fail liveness at once. Nothing
 * undoes a deadlock: only a restart does, which is what the failed liveness probe asks
 * the orchestrator for. A demonstration: no real application serves this.
 */
@RestController
@RequestMapping("/deadlock")
class DeadlockController {

	private static final Log logger = LogFactory.getLog(DeadlockController.class);

	@PostMapping("/monitors")
	Map<String, Object> monitors() {
		Object first = new Object();
		Object second = new Object();
		CountDownLatch bothHold = new CountDownLatch(2);
		start("deadlocked-monitors-a", () -> {
			synchronized (first) {
				holdUntilBoth(bothHold);
				synchronized (second) {
					logger.info("unreachable");
				}
			}
		});
		start("deadlocked-monitors-b", () -> {
			synchronized (second) {
				holdUntilBoth(bothHold);
				synchronized (first) {
					logger.info("unreachable");
				}
			}
		});
		return Map.of("deadlocked", "monitors");
	}

	@PostMapping("/locks")
	Map<String, Object> locks() {
		ReentrantLock first = new ReentrantLock();
		ReentrantLock second = new ReentrantLock();
		CountDownLatch bothHold = new CountDownLatch(2);
		start("deadlocked-locks-a", () -> lockBoth(first, second, bothHold));
		start("deadlocked-locks-b", () -> lockBoth(second, first, bothHold));
		return Map.of("deadlocked", "locks");
	}

	private static void lockBoth(ReentrantLock held, ReentrantLock wanted, CountDownLatch bothHold) {
		held.lock();
		try {
			holdUntilBoth(bothHold);
			wanted.lock();
			wanted.unlock();
		}
		finally {
			held.unlock();
		}
	}

	private static void holdUntilBoth(CountDownLatch bothHold) {
		bothHold.countDown();
		try {
			bothHold.await();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private static void start(String name, Runnable work) {
		Thread thread = new Thread(work, name);
		// a deadlocked thread must not keep the JVM from exiting
		thread.setDaemon(true);
		thread.start();
	}

}
