package io.regiolink.query;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import org.apache.kafka.streams.state.HostInfo;

/**
 * Reads another instance's partitions through its internal endpoints ({@code /internal/v1/...}),
 * with a timeout on every call. A call that fails or times out is reported as unavailable, so the
 * coordinator retries or falls back rather than waiting on a dead peer.
 */
public final class PeerClient {
  public static final String POINT_PATH = "/internal/v1/point/";
  public static final String SCAN_PATH = "/internal/v1/scan/";

  private final HttpClient http;
  private final ObjectMapper json;
  private final Duration timeout;

  public PeerClient(ObjectMapper json, Duration timeout) {
    this.http = HttpClient.newBuilder().connectTimeout(timeout).version(HttpClient.Version.HTTP_1_1).build();
    this.json = json;
    this.timeout = timeout;
  }

  /** @param asOf the instant of the counts asked for; null for today's */
  public <T> CompletableFuture<LocalRead.Point<T>> point(HostInfo host, QueryableStore store, String key, int partition,
      ReadMode mode, Instant asOf, Class<T> type) {
    String query = "key=" + encode(key) + "&partition=" + partition + mode(mode) + asOf(asOf);
    JavaType answer = json.getTypeFactory().constructParametricType(LocalRead.Point.class, type);
    return call(host, POINT_PATH + store.storeName() + "?" + query, answer);
  }

  /** @param asOf the day-resolution instant of the counts asked for; null for today's */
  public <T> CompletableFuture<LocalRead.Scan<T>> scan(HostInfo host, QueryableStore store, String prefix, String sector,
      Set<Integer> partitions, ReadMode mode, Instant asOf, Class<T> type) {
    String query = "prefix=" + encode(prefix) + "&sector=" + encode(sector) + "&partitions="
        + partitions.stream().map(String::valueOf).collect(Collectors.joining(",")) + mode(mode) + asOf(asOf);
    JavaType answer = json.getTypeFactory().constructParametricType(LocalRead.Scan.class, type);
    return call(host, SCAN_PATH + store.storeName() + "?" + query, answer);
  }

  private <A> CompletableFuture<A> call(HostInfo host, String pathAndQuery, JavaType answer) {
    HttpRequest request = HttpRequest.newBuilder(URI.create("http://" + host.host() + ":" + host.port() + pathAndQuery))
        .timeout(timeout).GET().build();
    return http.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray()).thenApply(response -> {
      if (response.statusCode() != 200) {
        throw new PeerUnavailable(host + " answered " + response.statusCode() + " to " + pathAndQuery);
      }
      try {
        return json.<A>readValue(response.body(), answer);
      } catch (IOException e) {
        throw new PeerUnavailable(host + " sent an answer that is not " + answer + ": " + e.getMessage());
      }
    });
  }

  private static String mode(ReadMode mode) {
    return mode.standby() ? "&standby=true&maxLag=" + mode.maxLag() : "";
  }

  private static String asOf(Instant asOf) {
    return asOf == null ? "" : "&asOf=" + asOf;
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  /** A peer could not answer (down, timed out, restarting, or a different version). */
  public static final class PeerUnavailable extends RuntimeException {
    PeerUnavailable(String message) {
      super(message);
    }
  }
}
