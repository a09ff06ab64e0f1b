package io.regiolink.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** A Server-Sent Events client for tests: collects the events of one connection until closed. */
public final class SseReader implements AutoCloseable {
  public record Event(String id, String event, String data) {}

  private final List<Event> events = new CopyOnWriteArrayList<>();
  private final CountDownLatch connected = new CountDownLatch(1);
  private final Thread thread;
  private volatile InputStream body;
  private volatile int status;

  public SseReader(String url, String lastEventId) {
    thread = new Thread(() -> read(url, lastEventId), "sse-test-reader");
    thread.setDaemon(true);
    thread.start();
  }

  private void read(String url, String lastEventId) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).GET();
    if (lastEventId != null) {
      request.header("Last-Event-ID", lastEventId);
    }
    try {
      HttpResponse<InputStream> response = HttpClient.newHttpClient().send(request.build(),
          HttpResponse.BodyHandlers.ofInputStream());
      status = response.statusCode();
      body = response.body();
      BufferedReader lines = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8));
      String id = null;
      String event = null;
      StringBuilder data = new StringBuilder();
      String line;
      while ((line = lines.readLine()) != null) {
        if (line.startsWith(": connected")) {
          connected.countDown();
        } else if (line.startsWith("id: ")) {
          id = line.substring(4);
        } else if (line.startsWith("event: ")) {
          event = line.substring(7);
        } else if (line.startsWith("data: ")) {
          data.append(line.substring(6));
        } else if (line.isEmpty() && event != null) {
          events.add(new Event(id, event, data.toString()));
          id = null;
          event = null;
          data.setLength(0);
        }
      }
    } catch (IOException e) {
      // closed by the test, or the server went away
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      connected.countDown();
    }
  }

  public void awaitConnected() throws InterruptedException {
    if (!connected.await(30, TimeUnit.SECONDS) || status != 200) {
      throw new AssertionError("SSE connection not established (status " + status + ")");
    }
  }

  public List<Event> events() {
    return List.copyOf(events);
  }

  @Override
  public void close() throws IOException, InterruptedException {
    if (body != null) {
      body.close();
    }
    thread.interrupt();
    thread.join(Duration.ofSeconds(5).toMillis());
  }
}
