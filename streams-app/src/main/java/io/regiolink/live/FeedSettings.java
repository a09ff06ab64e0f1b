package io.regiolink.live;

import io.regiolink.config.Setting;
import io.regiolink.config.Settings;
import java.time.Duration;
import java.util.List;

/**
 * @param buffer recent events kept for resuming clients (and, for alerts, for GET /alerts)
 * @param clientQueue events a client may fall behind before it is dropped as too slow
 * @param maxClients concurrent subscribers per feed; more get a 503
 * @param heartbeat idle time after which a comment is sent, so proxies and clients see a live stream
 */
public record FeedSettings(int buffer, int clientQueue, int maxClients, Duration heartbeat) {

  public static final Setting<Integer> LINKS_BUFFER = Setting.integer("stream.buffer", "10000", 1, 10_000_000,
      "Recent link events each instance keeps so SSE clients resume with Last-Event-ID");
  public static final Setting<Integer> ALERTS_BUFFER = Setting.integer("stream.alerts.buffer", "100000", 1, 10_000_000,
      "Alerts each instance keeps for GET /alerts and SSE resume");
  public static final Setting<Integer> CLIENT_QUEUE = Setting.integer("stream.client.queue", "5000", 1, 1_000_000,
      "Events an SSE client may fall behind before it is dropped as too slow (bursts count: one demo day is ~1,000)");
  public static final Setting<Integer> MAX_CLIENTS = Setting.integer("stream.max.clients", "200", 1, 100_000,
      "Concurrent SSE clients per feed and instance; more get 503");
  public static final Setting<Duration> HEARTBEAT = Setting.duration("stream.heartbeat", "PT15S",
      "Idle time after which SSE clients get a heartbeat comment");
  public static final List<Setting<?>> SETTINGS = List.of(LINKS_BUFFER, ALERTS_BUFFER, CLIENT_QUEUE, MAX_CLIENTS,
      HEARTBEAT);

  /** The link feed (/stream/links). */
  public static FeedSettings links(Settings settings) {
    return of(settings, LINKS_BUFFER);
  }

  /** The alert feed (/stream/alerts and GET /alerts). */
  public static FeedSettings alerts(Settings settings) {
    return of(settings, ALERTS_BUFFER);
  }

  private static FeedSettings of(Settings settings, Setting<Integer> buffer) {
    return new FeedSettings(settings.get(buffer), settings.get(CLIENT_QUEUE), settings.get(MAX_CLIENTS),
        settings.get(HEARTBEAT));
  }
}
