package io.regiolink.config;

import java.util.List;
import java.util.Locale;

/** Decides which settings are secrets, so logs, banners and error messages never show them. */
public final class Secrets {
  public static final String HIDDEN = "[hidden]";

  private static final List<String> MARKERS =
      List.of("password", "secret", "jaas", "token", "api.key", "apikey", "api-key", "credential");

  private Secrets() {}

  public static boolean isSecret(String key) {
    String k = key.toLowerCase(Locale.ROOT);
    return MARKERS.stream().anyMatch(k::contains);
  }
}
