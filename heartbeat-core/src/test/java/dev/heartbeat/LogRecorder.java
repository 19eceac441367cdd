package dev.heartbeat;

import java.util.List;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.slf4j.LoggerFactory;

/**
 * Records what the heartbeat logs, at INFO and above, for tests that count log lines.
 */
public final class LogRecorder implements AutoCloseable {

	private final Logger logger;

	private final Level level;

	private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

	/**
	 * Record everything the heartbeat's packages log.
	 */
	public LogRecorder() {
		this("dev.heartbeat");
	}

	/**
	 * Record what one logger, and the loggers below it, log.
	 * @param name the logger's name
	 */
	public LogRecorder(String name) {
		this.logger = (Logger) LoggerFactory.getLogger(name);
		this.level = this.logger.getLevel();
		this.appender.start();
		this.logger.addAppender(this.appender);
		this.logger.setLevel(Level.INFO);
	}

	public long count(Level level, String fragment) {
		return messages(level).stream().filter((message) -> message.contains(fragment)).count();
	}

	public long count(String fragment) {
		return all().stream().filter((message) -> message.contains(fragment)).count();
	}

	public List<String> messages(Level level) {
		return this.appender.list.stream()
			.filter((event) -> event.getLevel() == level)
			.map(ILoggingEvent::getFormattedMessage)
			.toList();
	}

	public List<String> all() {
		return this.appender.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
	}

	@Override
	public void close() {
		this.logger.detachAppender(this.appender);
		this.logger.setLevel(this.level);
	}

}
