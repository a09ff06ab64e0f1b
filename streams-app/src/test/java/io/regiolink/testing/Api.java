package io.regiolink.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** A small client of the regiolink HTTP API for tests: status, headers and JSON body. */
public final class Api {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final String base;

  public Api(String base) {
    this.base = base;
  }

  public record Answer(int status, JsonNode body, HttpResponse<String> response) {
    public boolean ok() {
      return status == 200;
    }
  }

  public Answer get(String pathAndQuery) {
    return send("GET", pathAndQuery);
  }

  public Answer send(String method, String pathAndQuery) {
    HttpRequest request = HttpRequest.newBuilder(URI.create(base + pathAndQuery)).timeout(Duration.ofSeconds(30))
        .method(method, HttpRequest.BodyPublishers.noBody()).build();
    try {
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
      JsonNode body = response.body().isEmpty() || !response.headers().firstValue("Content-Type").orElse("")
          .contains("json") ? JSON.nullNode() : JSON.readTree(response.body());
      return new Answer(response.statusCode(), body, response);
    } catch (IOException e) {
      throw new UncheckedIOException(method + " " + base + pathAndQuery, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** The body of a GET that must answer 200. */
  public JsonNode json(String pathAndQuery) {
    Answer answer = get(pathAndQuery);
    if (!answer.ok()) {
      throw new AssertionError("GET " + pathAndQuery + " answered " + answer.status() + ": " + answer.response().body());
    }
    return answer.body();
  }
}
