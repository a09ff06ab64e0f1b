package io.regiolink.http;

import io.regiolink.config.Setting;
import io.regiolink.config.Settings;
import io.regiolink.live.FeedSettings;
import java.net.URI;
import java.time.Duration;
import java.util.List;

/**
 * Where this instance's HTTP server listens, the URL other instances reach it at, and how long a
 * silent connection is kept.
 *
 * @param idleTimeout how long a connection may move no bytes either way before the server closes
 *     it: a request whose headers stall (slowloris), a client that stops reading an answer, a
 *     keep-alive connection left open. Each holds a server thread or socket until then.
 */
public record HttpSettings(String host, int port, URI advertisedUrl, Duration idleTimeout) {

  public static final Setting<String> HOST = Setting.text("http.host", "0.0.0.0", "Interface the HTTP server binds to");
  public static final Setting<Integer> PORT = Setting.port("http.port", "8080", false,
      "Port of the HTTP API and dashboard");
  public static final Setting<URI> ADVERTISED_URL = Setting.url("advertised.url", null,
      "URL other instances use to reach this one (default http://localhost:<http.port>)");
  public static final Setting<Duration> IDLE_TIMEOUT = Setting.duration("http.idle.timeout", "PT30S",
      "How long an HTTP connection may send or read nothing (a stalled request, a client that stops reading an"
          + " answer) before it is closed; longer than stream.heartbeat, which keeps SSE connections busy");
  public static final List<Setting<?>> SETTINGS = List.of(HOST, PORT, ADVERTISED_URL, IDLE_TIMEOUT);

  public static HttpSettings from(Settings settings) {
    int port = settings.get(PORT);
    Duration idle = settings.get(IDLE_TIMEOUT);
    Duration heartbeat = settings.get(FeedSettings.HEARTBEAT);
    if (idle.compareTo(heartbeat) <= 0) {
      // An SSE client hears nothing between heartbeats: the server would cut every quiet feed.
      throw settings.bad(IDLE_TIMEOUT, idle.toString(), "it must be longer than " + FeedSettings.HEARTBEAT.key()
          + " (" + heartbeat + "), or live feeds are closed between heartbeats; raise it or lower the heartbeat");
    }
    return new HttpSettings(settings.get(HOST), port,
        settings.optional(ADVERTISED_URL).orElse(URI.create("http://localhost:" + port)), idle);
  }
}
