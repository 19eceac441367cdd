package dev.heartbeat;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;
import javax.management.openmbean.CompositeDataSupport;
import javax.management.openmbean.CompositeType;
import javax.management.openmbean.OpenDataException;
import javax.management.openmbean.OpenType;
import javax.management.openmbean.SimpleType;

import com.sun.management.GarbageCollectionNotificationInfo;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The longest stop-the-world pause since the previous beat: fed with the collectors'
 * names and durations as the JDK's notifications give them, and once with a real
 * {@code System.gc()}.
 */
class GcPausesTests {

	@TempDir
	Path directory;

	private final GcPauses pauses = new GcPauses();

	@Test
	void eachTakeGivesTheLongestPauseSinceTheLastAndStartsAgainFromNone() {
		this.pauses.open();
		try {
			assertThat(this.pauses.isListening()).isTrue();
			// what the JVM reported before this test is not the test's
			this.pauses.takeLongest();
			this.pauses.collected("G1 Young Generation", 12);
			this.pauses.collected("G1 Old Generation", 40);
			this.pauses.collected("G1 Young Generation", 7);
			assertThat(this.pauses.takeLongest()).isGreaterThanOrEqualTo(Duration.ofMillis(40));
			this.pauses.collected("Copy", 3);
			Duration next = this.pauses.takeLongest();
			assertThat(next).isGreaterThanOrEqualTo(Duration.ofMillis(3));
		}
		finally {
			this.pauses.close();
		}
	}

	@Test
	void concurrentCyclesAreNotPausesButTheirPausesAre() {
		// the beans of Java 17 and 25, as the JDK names them
		assertThat(GcPauses.isPause("ZGC Cycles")).isFalse();
		assertThat(GcPauses.isPause("ZGC Minor Cycles")).isFalse();
		assertThat(GcPauses.isPause("ZGC Major Cycles")).isFalse();
		assertThat(GcPauses.isPause("Shenandoah Cycles")).isFalse();
		assertThat(GcPauses.isPause("ZGC Pauses")).isTrue();
		assertThat(GcPauses.isPause("ZGC Minor Pauses")).isTrue();
		assertThat(GcPauses.isPause("ZGC Major Pauses")).isTrue();
		assertThat(GcPauses.isPause("Shenandoah Pauses")).isTrue();
		// Remark and Cleanup, the stop-the-world pauses of G1's concurrent cycle
		assertThat(GcPauses.isPause("G1 Concurrent GC")).isTrue();
		assertThat(GcPauses.isPause("G1 Young Generation")).isTrue();
		assertThat(GcPauses.isPause("PS MarkSweep")).isTrue();
		assertThat(GcPauses.isPause("MarkSweepCompact")).isTrue();
	}

	@Test
	void aConcurrentCycleIsNotCounted() {
		this.pauses.open();
		try {
			this.pauses.takeLongest();
			this.pauses.collected("ZGC Major Cycles", 60_000);
			this.pauses.collected("ZGC Major Pauses", 1);
			// a real collection of this JVM may come in between, never one of a minute
			assertThat(this.pauses.takeLongest()).isLessThan(Duration.ofSeconds(60));
		}
		finally {
			this.pauses.close();
		}
	}

	@Test
	void notificationsAreReadAsTheJdkSendsThemAndOthersAreIgnored() throws OpenDataException {
		this.pauses.open();
		try {
			this.pauses.takeLongest();
			this.pauses.notified(notification(GcPauses.NOTIFICATION_TYPE, "G1 Young Generation", 9_000));
			this.pauses.notified(notification(GcPauses.NOTIFICATION_TYPE, "Shenandoah Cycles", 90_000));
			this.pauses.notified(notification("jmx.attribute.change", "G1 Old Generation", 80_000));
			Notification empty = new Notification(GcPauses.NOTIFICATION_TYPE, "test", 4);
			this.pauses.notified(empty);
			Duration longest = this.pauses.takeLongest();
			// the JVM's own collections come in too, none of them of nine seconds
			assertThat(longest).isGreaterThanOrEqualTo(Duration.ofSeconds(9)).isLessThan(Duration.ofSeconds(80));
		}
		finally {
			this.pauses.close();
		}
	}

	@Test
	void aRealNotificationOfThisJvmIsRead() throws Exception {
		List<Notification> seen = new CopyOnWriteArrayList<>();
		NotificationListener recorder = (notification, handback) -> seen.add(notification);
		List<NotificationEmitter> emitters = ManagementFactory.getGarbageCollectorMXBeans()
			.stream()
			.filter(NotificationEmitter.class::isInstance)
			.map(NotificationEmitter.class::cast)
			.toList();
		emitters.forEach((emitter) -> emitter.addNotificationListener(recorder, null, null));
		try {
			System.gc();
			await().atMost(Duration.ofSeconds(30)).until(() -> !seen.isEmpty());
		}
		finally {
			for (NotificationEmitter emitter : emitters) {
				emitter.removeNotificationListener(recorder);
			}
		}
		Notification real = seen.get(0);
		GarbageCollectionNotificationInfo info = GarbageCollectionNotificationInfo
			.from((CompositeData) real.getUserData());
		this.pauses.open();
		try {
			this.pauses.takeLongest();
			this.pauses.notified(real);
			Duration expected = GcPauses.isPause(info.getGcName()) ? Duration.ofMillis(info.getGcInfo().getDuration())
					: Duration.ZERO;
			assertThat(this.pauses.takeLongest()).isGreaterThanOrEqualTo(expected);
		}
		finally {
			this.pauses.close();
		}
	}

	@Test
	void nothingIsKnownBeforeOpenOrAfterClose() {
		this.pauses.collected("G1 Young Generation", 12);
		assertThat(this.pauses.takeLongest()).isNull();
		this.pauses.open();
		this.pauses.close();
		assertThat(this.pauses.isListening()).isFalse();
		assertThat(this.pauses.takeLongest()).isNull();
	}

	@Test
	void aRealCollectionLeavesABeatWithAPauseThatIsNotNegative() {
		Heartbeat heartbeat = Heartbeat.builder()
			.stateFile(this.directory.resolve("app.heartbeat"))
			.interval(Duration.ofSeconds(300))
			.build();
		heartbeat.start();
		try {
			System.gc();
			HeartbeatState state = heartbeat.beat();
			assertThat(state.maxPause()).isNotNull().isGreaterThanOrEqualTo(Duration.ZERO);
			assertThat(HeartbeatState.read(heartbeat.stateFile().orElseThrow()).orElseThrow().maxPause())
				.isEqualTo(state.maxPause());
		}
		finally {
			heartbeat.stop();
		}
	}

	private static Notification notification(String type, String collector, long millis) throws OpenDataException {
		CompositeType infoType = new CompositeType("GcInfo", "a collection", new String[] { "id", "duration" },
				new String[] { "id", "duration" }, new OpenType<?>[] { SimpleType.LONG, SimpleType.LONG });
		CompositeData info = new CompositeDataSupport(infoType, Map.of("id", 1L, "duration", millis));
		String[] names = { "gcName", "gcAction", "gcCause", "gcInfo" };
		CompositeType dataType = new CompositeType("GarbageCollectionNotificationInfo", "a notification", names, names,
				new OpenType<?>[] { SimpleType.STRING, SimpleType.STRING, SimpleType.STRING, infoType });
		CompositeData data = new CompositeDataSupport(dataType, Map.of("gcName", collector, "gcAction",
				"end of minor GC", "gcCause", "Allocation Failure", "gcInfo", info));
		Notification notification = new Notification(type, "test", 1);
		notification.setUserData(data);
		return notification;
	}

}
