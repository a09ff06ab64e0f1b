package io.regiolink.http;

import io.regiolink.sector.SectorGroup;
import io.regiolink.history.HistoryRetention;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The query string of one request, checked against what its endpoint accepts: an unknown or
 * repeated parameter is a 400 rather than silently ignored, so a typo such as {@code sectr=KI}
 * cannot quietly answer for ALL.
 */
public final class QueryParams {
  /** The design's bound on {@code limit} and {@code top}. */
  public static final int MAX_LIMIT = 10_000;

  private final Map<String, List<String>> raw;

  public QueryParams(Map<String, List<String>> raw, Set<String> accepted) {
    for (var entry : raw.entrySet()) {
      if (!accepted.contains(entry.getKey())) {
        throw ApiProblem.badRequest("unknown parameter '" + entry.getKey() + "'",
            "this endpoint accepts " + (accepted.isEmpty() ? "no parameters" : String.join(", ", new TreeSet<>(accepted))));
      }
      if (entry.getValue().size() > 1) {
        throw ApiProblem.badRequest("parameter '" + entry.getKey() + "' given " + entry.getValue().size() + " times",
            "give it once");
      }
    }
    this.raw = raw;
  }

  public Optional<String> optional(String name) {
    List<String> values = raw.get(name);
    return values == null || values.isEmpty() || values.get(0).isEmpty() ? Optional.empty() : Optional.of(values.get(0));
  }

  /** A sector group token (ALL, KI, OTHER, KIBS, ...); ALL when absent. */
  public SectorGroup sector() {
    return optional("sector").map(v -> SectorGroup.parse(v).orElseThrow(() -> ApiProblem.badRequest(
        "bad sector '" + v + "'", "sector must be one of " + Arrays.toString(SectorGroup.values()))))
        .orElse(SectorGroup.ALL);
  }

  /** A count between 1 and {@link #MAX_LIMIT}. */
  public int limit(String name, int byDefault) {
    Optional<String> value = optional(name);
    if (value.isEmpty()) {
      return byDefault;
    }
    try {
      int n = Integer.parseInt(value.get());
      if (n >= 1 && n <= MAX_LIMIT) {
        return n;
      }
    } catch (NumberFormatException e) {
      // falls through to the same answer as an out-of-range number
    }
    throw ApiProblem.badRequest("bad " + name + " '" + value.get() + "'",
        name + " must be a whole number from 1 to " + MAX_LIMIT + " (default " + byDefault + ")");
  }

  /** One of the given words; the first is the default. */
  public String choice(String name, String... choices) {
    String value = optional(name).orElse(choices[0]);
    if (!Arrays.asList(choices).contains(value)) {
      throw ApiProblem.badRequest("bad " + name + " '" + value + "'", name + " must be one of " + String.join(", ", choices));
    }
    return value;
  }

  public boolean flag(String name) {
    return Boolean.parseBoolean(choice(name, "false", "true"));
  }

  /** An instant (2025-06-23T00:00:00Z) or a date (2025-06-23, midnight UTC). */
  /**
   * An instant of the counts' history: an ISO-8601 instant, or a date, which means the state at its
   * end (its last millisecond, UTC).
   */
  public Optional<Instant> asOf(String name) {
    return optional(name).map(v -> {
      try {
        return v.length() == 10 ? HistoryRetention.endOf(LocalDate.parse(v)) : Instant.parse(v);
      } catch (DateTimeParseException e) {
        throw ApiProblem.badRequest("bad " + name + " '" + v + "'",
            name + " must be an ISO-8601 instant such as 2025-06-23T12:00:00Z or a date such as 2025-06-23 (its end)");
      }
    });
  }

  public Optional<Instant> instant(String name) {
    return optional(name).map(v -> {
      try {
        return v.length() == 10 ? LocalDate.parse(v).atStartOfDay(ZoneOffset.UTC).toInstant() : Instant.parse(v);
      } catch (DateTimeParseException e) {
        throw ApiProblem.badRequest("bad " + name + " '" + v + "'",
            name + " must be an ISO-8601 instant such as 2025-06-23T00:00:00Z or a date such as 2025-06-23");
      }
    });
  }
}
