package io.regiolink.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;

/**
 * A small client of the registry's Confluent-compatible API ({@code /apis/ccompat/v7}): enough to
 * register the contract's schemas, set their compatibility, and resolve an id found in a record.
 * Any Confluent-compatible registry answers the same calls.
 */
public final class RegistryClient {
  private static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int CONFLICT = 409;
  private static final Duration CALL_TIMEOUT = Duration.ofSeconds(30);
  /** Short: a probe that waits long tells late what it found. */
  private static final Duration PING_TIMEOUT = Duration.ofSeconds(2);

  private final URI api;
  private final HttpClient http;

  /** @param registryUrl the registry's base URL, e.g. http://localhost:8081 */
  public RegistryClient(URI registryUrl) {
    this.api = URI.create(registryUrl.toString().replaceAll("/+$", "") + "/apis/ccompat/v7/");
    this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  }

  /** Registers (or finds) a schema under a subject and returns its global id. */
  public int register(String subject, Schema schema) {
    JsonNode answer = sendOnceMoreOnConflict("POST", "subjects/" + subject + "/versions",
        Map.of("schema", schema.toString()));
    return answer.get("id").asInt();
  }

  /** Sets the subject's compatibility level, e.g. BACKWARD. */
  public void setCompatibility(String subject, String level) {
    sendOnceMoreOnConflict("PUT", "config/" + subject, Map.of("compatibility", level));
  }

  /**
   * A write that another client may be making at the same moment: two instances starting together
   * both create the subject's rule or first version, and the registry answers the later one 409
   * (Apicurio: "A rule named 'COMPATIBILITY' already exists"). The thing then exists, and the same
   * call made again updates or finds it. (An incompatible schema is a 409 too; it is refused again.)
   */
  private JsonNode sendOnceMoreOnConflict(String method, String path, Object body) {
    try {
      return send(method, path, body);
    } catch (RegistryException e) {
      if (e.status() != CONFLICT) {
        throw e;
      }
      return send(method, path, body);
    }
  }

  public String compatibility(String subject) {
    JsonNode answer = send("GET", "config/" + subject, null);
    JsonNode level = answer.has("compatibilityLevel") ? answer.get("compatibilityLevel") : answer.get("compatibility");
    return level == null ? "" : level.asText();
  }

  /** The schema a record's 4-byte id stands for. */
  public Schema schemaById(int id) {
    JsonNode answer = send("GET", "schemas/ids/" + id, null);
    return new Schema.Parser().parse(answer.get("schema").asText());
  }

  /** Fails unless the registry answers within {@code PING_TIMEOUT}. */
  public void ping() {
    send("GET", "schemas/types", null, PING_TIMEOUT);
  }

  public List<String> subjects() {
    List<String> subjects = new ArrayList<>();
    send("GET", "subjects", null).forEach(node -> subjects.add(node.asText()));
    return subjects;
  }

  private JsonNode send(String method, String path, Object body) {
    return send(method, path, body, CALL_TIMEOUT);
  }

  private JsonNode send(String method, String path, Object body, Duration timeout) {
    URI uri = api.resolve(path);
    try {
      HttpRequest.BodyPublisher publisher = body == null
          ? HttpRequest.BodyPublishers.noBody()
          : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body));
      HttpRequest request = HttpRequest.newBuilder(uri)
          .timeout(timeout)
          .header("Content-Type", CONTENT_TYPE)
          .header("Accept", CONTENT_TYPE + ", application/json")
          .method(method, publisher)
          .build();
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() / 100 != 2) {
        throw new RegistryException(method + " " + uri + " answered " + response.statusCode() + ": " + response.body(),
            response.statusCode());
      }
      return JSON.readTree(response.body());
    } catch (IOException e) {
      throw new RegistryException("Cannot reach the schema registry at " + uri + " ("
          + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage())
          + "): check registry.url and that the registry is running.", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RegistryException("Interrupted while calling " + uri, e);
    }
  }

  /** A registry call that failed; the message names the call and the registry's answer. */
  public static final class RegistryException extends RuntimeException {
    private final int status;

    public RegistryException(String message) {
      this(message, 0);
    }

    public RegistryException(String message, int status) {
      super(message);
      this.status = status;
    }

    public RegistryException(String message, Throwable cause) {
      super(message, cause);
      this.status = 0;
    }

    /** The registry's HTTP status; 0 when there was no answer. */
    public int status() {
      return status;
    }
  }
}
