package io.regiolink.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** GETs against one regiolink instance, with timeouts. */
final class Http {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final URI base;
  private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  Http(URI base) {
    this.base = base;
  }

  /** Status and body of a GET. */
  record Answer(int status, String body) {}

  Answer get(String path) {
    HttpRequest request = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30)).GET().build();
    try {
      HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
      return new Answer(response.statusCode(), response.body());
    } catch (IOException e) {
      return new Answer(-1, e.toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted", e);
    }
  }

  JsonNode getJson(String path) {
    Answer answer = get(path);
    if (answer.status() != 200) {
      throw new IllegalStateException("GET " + base.resolve(path) + " answered " + answer.status() + ": " + answer.body());
    }
    try {
      return JSON.readTree(answer.body());
    } catch (IOException e) {
      throw new IllegalStateException("GET " + path + " did not answer JSON: " + e.getMessage(), e);
    }
  }
}
