package io.regiolink.connectors.chstream;

import io.regiolink.avro.CompanyProfileEvent;
import io.regiolink.formats.CompaniesHouseEvents;
import io.regiolink.formats.FormatException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.OptionalLong;
import java.util.Random;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the Companies House {@code companies} stream until stopped: one long-lived HTTP response
 * at a time, cut into lines on newlines (not chunks), heartbeats skipped, each event parsed and
 * queued for the task. When a connection ends (end of stream, 5xx, heartbeat silence, a dropped
 * socket) it reconnects from the timepoint after the last event it queued, after a backoff with
 * jitter; after a 429 it stays away for minutes. A wrong key (401) or a timepoint the stream no
 * longer holds (416) needs a person, so it queues a {@link StreamItem.Fatal} and stops, unless
 * configured to restart from now after a 416, which it logs as a gap with both timepoints.
 */
public final class StreamReader implements Runnable {
  private static final Logger LOG = LoggerFactory.getLogger(StreamReader.class);

  /** Waits between attempts; tests pass one that records the schedule instead of sleeping. */
  public interface Sleeper {
    void sleep(Duration duration) throws InterruptedException;
  }

  private final StreamSettings settings;
  private final BlockingQueue<StreamItem> out;
  private final Sleeper sleeper;
  private final Backoff backoff;
  private final String source;
  private volatile boolean running = true;
  private final HttpClient http;
  private final ScheduledExecutorService watchdog = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "regiolink-ch-stream-watchdog");
    t.setDaemon(true);
    return t;
  });
  private volatile InputStream current;
  private OptionalLong lastTimepoint;
  private OptionalLong gapFrom = OptionalLong.empty();
  private long connections;

  /** @param resumeAfter the timepoint of the last event already delivered, if any */
  public StreamReader(StreamSettings settings, OptionalLong resumeAfter, BlockingQueue<StreamItem> out,
      Sleeper sleeper, Random random) {
    this.settings = settings;
    this.out = out;
    this.sleeper = sleeper;
    this.backoff = new Backoff(settings.backoffInitial(), settings.backoffMax(), random);
    this.lastTimepoint = resumeAfter;
    this.source = "companies-house-stream:" + settings.url().getHost();
    this.http = HttpClient.newBuilder().connectTimeout(settings.connectTimeout())
        .version(HttpClient.Version.HTTP_1_1).build();
  }

  public void stop() {
    running = false;
    closeCurrent();
  }

  /** Closing the body from another thread cancels the read at once (unlike HttpURLConnection). */
  private void closeCurrent() {
    InputStream body = current;
    if (body != null) {
      try {
        body.close();
      } catch (IOException ignored) {
        // closing anyway
      }
    }
  }

  /** Connections opened so far (for tests and logs). */
  public long connections() {
    return connections;
  }

  @Override
  public void run() {
    try {
      while (running) {
        Duration pause = connectOnce();
        if (pause == null || !running) {
          return;
        }
        sleeper.sleep(pause);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      watchdog.shutdownNow();
    }
  }

  /** One connection, read until it ends; returns the pause before the next, or null to stop. */
  private Duration connectOnce() throws InterruptedException {
    URI uri = lastTimepoint.isPresent()
        ? URI.create(settings.url() + (settings.url().getQuery() == null ? "?" : "&") + "timepoint="
            + (lastTimepoint.getAsLong() + 1))
        : settings.url();
    String credentials = settings.apiKey() + ":";
    HttpRequest request = HttpRequest.newBuilder(uri).GET()
        .timeout(settings.connectTimeout())
        .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)))
        .build();
    HttpResponse<InputStream> response;
    try {
      connections++;
      response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
    } catch (IOException e) {
      return retry("cannot connect to " + uri + " (" + e + ")");
    }
    int status = response.statusCode();
    if (status / 100 == 2) {
      return read(response.body(), uri);
    }
    try {
      response.body().close();
    } catch (IOException ignored) {
      // an error answer; its body is not needed
    }
    switch (status) {
      case 401 -> {
        return fatal("Companies House refused the streaming API key (HTTP 401 from " + settings.url()
            + "). Set ch.stream.api.key to a key of the Streaming API (not the REST API) and restart the task.");
      }
      case 416 -> {
        return tooOld(uri);
      }
      case 429 -> {
        LOG.warn("Companies House stream rate-limited this client (HTTP 429; at most 2 connections per key);"
            + " reconnecting in {}", settings.rateLimitPause());
        return settings.rateLimitPause();
      }
      default -> {
        if (status >= 500) {
          return retry("HTTP " + status + " from " + settings.url());
        }
        return fatal("The stream at " + settings.url() + " answered HTTP " + status
            + "; check ch.stream.url (it must be the companies stream, e.g. https://stream.companieshouse.gov.uk/companies).");
      }
    }
  }

  private Duration read(InputStream body, URI uri) throws InterruptedException {
    NdjsonLineSplitter splitter = new NdjsonLineSplitter(settings.maxLineBytes());
    byte[] buffer = new byte[16 * 1024];
    boolean delivered = false;
    current = body;
    AtomicLong lastByte = new AtomicLong(System.nanoTime());
    AtomicBoolean silent = new AtomicBoolean();
    long check = Math.max(10, settings.heartbeatTimeout().toMillis() / 4);
    ScheduledFuture<?> silence = watchdog.scheduleAtFixedRate(() -> {
      if (System.nanoTime() - lastByte.get() > settings.heartbeatTimeout().toNanos() && !silent.getAndSet(true)) {
        closeCurrent();
      }
    }, check, check, TimeUnit.MILLISECONDS);
    LOG.info("Connected to {} (connection {})", uri, connections);
    try {
      int n;
      while (running && (n = body.read(buffer)) >= 0) {
        lastByte.set(System.nanoTime());
        for (String line : splitter.accept(buffer, 0, n)) {
          queue(line);
          delivered = true;
        }
      }
      if (!running) {
        return null;
      }
      return ended(delivered, "the stream ended the connection" + lost(splitter));
    } catch (IOException | IllegalStateException e) {
      if (!running) {
        return null;
      }
      return ended(delivered, (silent.get() ? "no data or heartbeat for " + settings.heartbeatTimeout()
          : "the connection broke (" + e + ")") + lost(splitter));
    } finally {
      silence.cancel(false);
      closeCurrent();
      current = null;
    }
  }

  private static String lost(NdjsonLineSplitter splitter) {
    return splitter.pendingBytes() == 0 ? "" : "; an unfinished line of " + splitter.pendingBytes()
        + " bytes is dropped and comes again from the timepoint";
  }

  private void queue(String line) throws InterruptedException {
    try {
      CompanyProfileEvent event = CompaniesHouseEvents.parse(line, source);
      long timepoint = event.getEvent().getTimepoint();
      if (gapFrom.isPresent()) {
        LOG.warn("Companies House stream gap: events after timepoint {} up to timepoint {} were not received;"
            + " re-seed the register from the bulk snapshot to fill it", gapFrom.getAsLong(), timepoint);
        gapFrom = OptionalLong.empty();
      }
      lastTimepoint = OptionalLong.of(timepoint);
      out.put(new StreamItem.Event(line, event));
    } catch (FormatException e) {
      out.put(new StreamItem.Malformed(line, e, lastTimepoint.orElse(-1)));
    }
  }

  private Duration ended(boolean delivered, String why) {
    if (delivered) {
      backoff.reset();
    }
    return retry(why);
  }

  private Duration retry(String why) {
    Duration pause = backoff.next();
    LOG.info("Companies House stream: {}; reconnecting in {} ms (attempt {})", why, pause.toMillis(), backoff.failures());
    return pause;
  }

  private Duration tooOld(URI uri) throws InterruptedException {
    if (settings.restartFromNowWhenTooOld()) {
      LOG.warn("Companies House stream no longer holds timepoint {} (HTTP 416 for {}); restarting from now as"
          + " configured. The gap is logged with its end once the first event arrives.",
          lastTimepoint.orElse(-1) + 1, uri);
      gapFrom = lastTimepoint;
      lastTimepoint = OptionalLong.empty();
      return Duration.ZERO;
    }
    return fatal("Companies House stream no longer holds timepoint " + (lastTimepoint.orElse(-1) + 1)
        + " (HTTP 416): it keeps only a few days. Re-seed the register from the bulk snapshot"
        + " (CompaniesHouseBulkSourceConnector), then restart this connector with"
        + " ch.stream.on.timepoint.too.old=restart-from-now (or a ch.stream.start.timepoint the stream still holds).");
  }

  private Duration fatal(String message) throws InterruptedException {
    LOG.error(message);
    out.put(new StreamItem.Fatal(message));
    running = false;
    return null;
  }
}
