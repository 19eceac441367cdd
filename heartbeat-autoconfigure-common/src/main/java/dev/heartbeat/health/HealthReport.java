package dev.heartbeat.health;

import java.util.Map;

/**
 * What one of the heartbeat's health checks found, in the terms that every Boot line's
 * {@code Health.Builder} takes ({@code status(String)} and {@code withDetails(Map)}): the
 * checks hold no Boot type, so one source serves both lines and only the thin indicators
 * differ.
 *
 * @param status the status, whose name is Boot's status code
 * @param details the details, in the order they are shown
 */
record HealthReport(Status status, Map<String, Object> details) {

	/**
	 * The statuses the checks report, named as Boot's own status codes.
	 */
	enum Status {

		UP, DOWN, OUT_OF_SERVICE, UNKNOWN

	}

}
