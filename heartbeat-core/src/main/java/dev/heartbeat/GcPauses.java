package dev.heartbeat;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import javax.management.ListenerNotFoundException;
import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * The longest stop-the-world garbage-collection pause since the previous beat, from the
 * JVM's own notifications: the JDK delivers each on a thread of its own after each
 * collection, so that watching costs no thread of ours, and the beat only reads and
 * resets one field.
 * <p>
 * Pauses only: a collector's concurrent work (the {@code Cycles} beans of ZGC and
 * Shenandoah, whose durations are whole concurrent cycles) is left out, while their
 * {@code Pauses} beans, the young and old collections of Serial, Parallel and G1, and
 * G1's {@code G1 Concurrent GC} bean (since JDK 20 it reports the Remark and Cleanup
 * pauses of the concurrent cycle) count. Without {@code com.sun.management} (a JVM that
 * lacks the {@code jdk.management} module), nothing is known and the beats say nothing of
 * pauses.
 * <p>
 * A notification is read as the open data it is (the collector's name, and the duration
 * of its {@code gcInfo}) rather than through {@code GarbageCollectionNotificationInfo},
 * whose decoding builds the memory usage of every pool before and after each collection.
 */
final class GcPauses {

	// GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION
	static final String NOTIFICATION_TYPE = "com.sun.management.gc.notification";

	private static final Log logger = LogFactory.getLog(Heartbeat.class);

	private static final boolean AVAILABLE = isAvailable();

	// the longest pause in milliseconds since the last beat took it
	private final AtomicLong longest = new AtomicLong();

	private final NotificationListener listener = this::handle;

	// guarded by this
	private final List<NotificationEmitter> emitters = new ArrayList<>();

	private volatile boolean listening;

	/**
	 * Start listening to the collectors' notifications (on start).
	 */
	synchronized void open() {
		if (this.listening || !AVAILABLE) {
			return;
		}
		try {
			for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
				if (collector instanceof NotificationEmitter emitter) {
					emitter.addNotificationListener(this.listener, null, null);
					this.emitters.add(emitter);
				}
			}
		}
		catch (RuntimeException | LinkageError ex) {
			// never seen: the beats go on, saying nothing of pauses
			logger.debug("Heartbeat cannot watch garbage-collection pauses: " + ex);
		}
		this.longest.set(0);
		this.listening = !this.emitters.isEmpty();
	}

	/**
	 * Stop listening (on stop, after the last beat).
	 */
	synchronized void close() {
		this.listening = false;
		for (NotificationEmitter emitter : this.emitters) {
			try {
				emitter.removeNotificationListener(this.listener);
			}
			catch (ListenerNotFoundException ex) {
				// removed already: nothing to do
			}
		}
		this.emitters.clear();
	}

	/**
	 * Whether pauses are watched now.
	 * @return {@code true} between {@link #open()} and {@link #close()}, if the JVM tells
	 */
	boolean isListening() {
		return this.listening;
	}

	/**
	 * The longest pause since the last call, and start again from none; on the beat.
	 * @return the longest pause (zero if none, or under a millisecond), or {@code null}
	 * if pauses are not watched
	 */
	@Nullable Duration takeLongest() {
		if (!this.listening) {
			return null;
		}
		long millis = this.longest.getAndSet(0);
		return (millis != 0) ? Duration.ofMillis(millis) : Duration.ZERO;
	}

	/**
	 * Count one collection, if it paused the application: the seam that the
	 * notifications, and tests, feed.
	 * @param collector the collector's name, as its bean gives it
	 * @param millis how long the collection took
	 */
	void collected(String collector, long millis) {
		if (isPause(collector)) {
			this.longest.accumulateAndGet(millis, Math::max);
		}
	}

	static boolean isPause(String collector) {
		// ZGC's "ZGC Cycles", "ZGC Minor Cycles", "ZGC Major Cycles" and Shenandoah's
		// "Shenandoah Cycles" time concurrent cycles; their pauses have beans of their
		// own
		return !collector.endsWith(" Cycles");
	}

	/**
	 * Read one notification of a collector, on the JDK's thread: the seam that a test
	 * feeds with notifications of its own.
	 * @param notification the notification
	 */
	void notified(Notification notification) {
		if (NOTIFICATION_TYPE.equals(notification.getType()) && notification.getUserData() instanceof CompositeData data
				&& data.containsKey("gcName") && data.containsKey("gcInfo")
				&& data.get("gcName") instanceof String collector && data.get("gcInfo") instanceof CompositeData info
				&& info.containsKey("duration") && info.get("duration") instanceof Long millis) {
			collected(collector, millis);
		}
	}

	private void handle(Notification notification, @Nullable Object handback) {
		try {
			notified(notification);
		}
		catch (RuntimeException ex) {
			// never seen: a notification of another shape is not a pause
			logger.debug("Heartbeat cannot read a garbage-collection notification: " + ex);
		}
	}

	private static boolean isAvailable() {
		try {
			Class.forName("com.sun.management.GarbageCollectionNotificationInfo", false,
					GcPauses.class.getClassLoader());
			return true;
		}
		catch (ClassNotFoundException | LinkageError ex) {
			return false;
		}
	}

}
