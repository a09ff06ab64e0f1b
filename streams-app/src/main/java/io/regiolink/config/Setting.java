package io.regiolink.config;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One key a feature declares next to its code: its name, its default (none when absent), what it
 * means, and how a value is read. Every source (defaults, file, environment, flags) speaks these
 * names, and {@code --help} and the README table are rendered from the same declarations.
 *
 * @param parser reads a trimmed value, or throws {@link IllegalArgumentException} whose message is
 *     the rule the value broke ("it must be ..."), which {@link Settings} turns into an error that
 *     names the key and where the value came from
 */
public record Setting<T>(String key, String defaultValue, String doc, Function<String, T> parser) {

  private static final Pattern SIZE = Pattern.compile("(?i)(\\d+)([kmg]?)");

  public Optional<String> byDefault() {
    return Optional.ofNullable(defaultValue);
  }

  /** The environment variable of this key: REGIOLINK_ + the key upper-cased with '.' and '-' as '_'. */
  public String environmentVariable() {
    return environmentVariable(key);
  }

  public static String environmentVariable(String key) {
    return "REGIOLINK_" + key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
  }

  /** The same key read further, e.g. a list of names into a set of domain values. */
  public <U> Setting<U> map(Function<T, U> then) {
    return new Setting<>(key, defaultValue, doc, parser.andThen(then));
  }

  public static Setting<String> text(String key, String byDefault, String doc) {
    return new Setting<>(key, byDefault, doc, v -> {
      if (v.isEmpty()) {
        throw new IllegalArgumentException("it must not be empty");
      }
      return v;
    });
  }

  public static Setting<Integer> integer(String key, String byDefault, int min, int max, String doc) {
    return new Setting<>(key, byDefault, doc, v -> {
      long n = whole(v);
      if (n < min || n > max) {
        throw new IllegalArgumentException("it must be between " + min + " and " + max);
      }
      return (int) n;
    });
  }

  public static Setting<Long> longInteger(String key, String byDefault, long min, String doc) {
    return new Setting<>(key, byDefault, doc, v -> {
      long n = whole(v);
      if (n < min) {
        throw new IllegalArgumentException("it must be at least " + min);
      }
      return n;
    });
  }

  public static Setting<Integer> port(String key, String byDefault, boolean zeroAllowed, String doc) {
    return integer(key, byDefault, zeroAllowed ? 0 : 1, 65535, doc);
  }

  public static Setting<Duration> duration(String key, String byDefault, String doc) {
    return new Setting<>(key, byDefault, doc, v -> {
      try {
        return Duration.parse(v);
      } catch (DateTimeParseException e) {
        throw new IllegalArgumentException("it must be an ISO-8601 duration such as P30D or PT12H");
      }
    });
  }

  public static Setting<Instant> instant(String key, String byDefault, String doc) {
    return new Setting<>(key, byDefault, doc, v -> {
      try {
        return Instant.parse(v);
      } catch (DateTimeParseException e) {
        throw new IllegalArgumentException("it must be an ISO-8601 instant such as 2026-01-05T00:00:00Z");
      }
    });
  }

  public static Setting<Double> decimal(String key, String byDefault, double min, String doc) {
    return new Setting<>(key, byDefault, doc, v -> {
      double d;
      try {
        d = Double.parseDouble(v);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("it must be a number such as 25 or 12.5");
      }
      if (!(d >= min) || Double.isInfinite(d)) {
        throw new IllegalArgumentException("it must be a finite number of at least " + min);
      }
      return d;
    });
  }

  /** A size such as 1536m or 2g (k, m, g: binary multiples; no suffix: bytes), at least {@code min} bytes. */
  public static Setting<Long> bytes(String key, String byDefault, long min, String doc) {
    return new Setting<>(key, byDefault, doc, v -> {
      Matcher m = SIZE.matcher(v);
      if (!m.matches()) {
        throw new IllegalArgumentException("it must be a size such as 1536m or 2g");
      }
      int shift = switch (m.group(2).toLowerCase(Locale.ROOT)) {
        case "k" -> 10;
        case "m" -> 20;
        case "g" -> 30;
        default -> 0;
      };
      long n;
      try {
        n = Math.multiplyExact(Long.parseLong(m.group(1)), 1L << shift);
      } catch (ArithmeticException | NumberFormatException e) {
        throw new IllegalArgumentException("it is too large");
      }
      if (n < min) {
        throw new IllegalArgumentException("it must be at least " + (min >> 20) + "m");
      }
      return n;
    });
  }

  /** An http(s) URL; a trailing slash is dropped so paths can be appended. */
  public static Setting<URI> url(String key, String byDefault, String doc) {
    return new Setting<>(key, byDefault, doc, v -> {
      String rule = "it must be an http(s) URL such as http://localhost:8081";
      try {
        URI uri = URI.create(v.endsWith("/") ? v.substring(0, v.length() - 1) : v);
        if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
          throw new IllegalArgumentException(rule);
        }
        return uri;
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(rule);
      }
    });
  }

  /** A comma-separated list; empty entries are dropped, so an empty value is an empty list. */
  public static Setting<List<String>> list(String key, String byDefault, String doc) {
    return new Setting<>(key, byDefault, doc,
        v -> Arrays.stream(v.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList());
  }

  /** One of an enum's values, each spelt as {@code spelling} gives it (case-insensitive). */
  public static <E extends Enum<E>> Setting<E> choice(String key, String byDefault, E[] options,
      Function<E, String> spelling, String doc) {
    return new Setting<>(key, byDefault, doc, v -> {
      for (E option : options) {
        if (spelling.apply(option).equalsIgnoreCase(v)) {
          return option;
        }
      }
      throw new IllegalArgumentException("it must be one of " + Arrays.stream(options).map(spelling).toList());
    });
  }

  private static long whole(String v) {
    try {
      return Long.parseLong(v);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("it must be a whole number");
    }
  }
}
