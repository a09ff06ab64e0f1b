package io.regiolink.http;

import io.regiolink.config.Setting;
import io.regiolink.config.Settings;
import java.net.URI;
import java.util.List;

/** Where this instance's HTTP server listens, and the URL other instances reach it at. */
public record HttpSettings(String host, int port, URI advertisedUrl) {

  public static final Setting<String> HOST = Setting.text("http.host", "0.0.0.0", "Interface the HTTP server binds to");
  public static final Setting<Integer> PORT = Setting.port("http.port", "8080", false,
      "Port of the HTTP API and dashboard");
  public static final Setting<URI> ADVERTISED_URL = Setting.url("advertised.url", null,
      "URL other instances use to reach this one (default http://localhost:<http.port>)");
  public static final List<Setting<?>> SETTINGS = List.of(HOST, PORT, ADVERTISED_URL);

  public static HttpSettings from(Settings settings) {
    int port = settings.get(PORT);
    return new HttpSettings(settings.get(HOST), port,
        settings.optional(ADVERTISED_URL).orElse(URI.create("http://localhost:" + port)));
  }
}
