package dev.heartbeat.fault;

import java.util.List;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.slf4j.LoggerFactory;

/**
 * Records what the heartbeat logs, at INFO and above, for tests that count log lines.
 */
final class LogRecorder implements AutoCloseable {

	private final Logger logger = (Logger) LoggerFactory.getLogger("dev.heartbeat");

	private final Level level = this.logger.getLevel();

	private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

	LogRecorder() {
		this.appender.start();
		this.logger.addAppender(this.appender);
		this.logger.setLevel(Level.INFO);
	}

	long count(Level level, String fragment) {
		return messages(level).stream().filter((message) -> message.contains(fragment)).count();
	}

	List<String> messages(Level level) {
		return this.appender.list.stream()
			.filter((event) -> event.getLevel() == level)
			.map(ILoggingEvent::getFormattedMessage)
			.toList();
	}

	List<String> all() {
		return this.appender.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
	}

	@Override
	public void close() {
		this.logger.detachAppender(this.appender);
		this.logger.setLevel(this.level);
	}

}
