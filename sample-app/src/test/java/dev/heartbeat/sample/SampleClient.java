package dev.heartbeat.sample;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Talks to the running sample application over real HTTP, as a probe or an operator
 * would.
 */
final class SampleClient {

	private final HttpClient http = HttpClient.newHttpClient();

	private final JsonMapper json = JsonMapper.builder().build();

	private final int port;

	SampleClient(int port) {
		this.port = port;
	}

	Response get(String path) throws IOException, InterruptedException {
		return send(HttpRequest.newBuilder(uri(path)).GET().build());
	}

	Response post(String path) throws IOException, InterruptedException {
		return send(HttpRequest.newBuilder(uri(path)).POST(HttpRequest.BodyPublishers.noBody()).build());
	}

	private Response send(HttpRequest request) throws IOException, InterruptedException {
		HttpResponse<String> response = this.http.send(request, HttpResponse.BodyHandlers.ofString());
		JsonNode body = response.body().isEmpty() ? this.json.missingNode() : this.json.readTree(response.body());
		return new Response(response.statusCode(), body);
	}

	private URI uri(String path) {
		return URI.create("http://localhost:" + this.port + path);
	}

	/**
	 * An answer: its HTTP status and its JSON body.
	 *
	 * @param status the HTTP status
	 * @param body the body, a missing node when empty
	 */
	record Response(int status, JsonNode body) {
	}

}
