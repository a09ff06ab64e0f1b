package io.regiolink.faults;

import com.fasterxml.jackson.databind.JsonNode;
import io.regiolink.sector.SectorGroup;
import io.regiolink.testing.Api;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The link counts as one instance's API serves them, as the reference model's link keys
 * ({@code scheme:origin:destination:sector} -> [companies, sites]): every scheme and sector's
 * matrix, with the instance gathering the other instances' partitions.
 */
final class MatrixReads {
  /** One matrix request: its path and what its cells are keyed by. */
  record Matrix(String scheme, SectorGroup sector) {
    String path() {
      return "/api/v1/matrix/" + scheme + "?sector=" + sector;
    }
  }

  private MatrixReads() {}

  /** Every scheme's matrix for every sector group. */
  static List<Matrix> all(Api api) {
    List<Matrix> matrices = new ArrayList<>();
    for (String scheme : schemes(api)) {
      for (SectorGroup sector : SectorGroup.values()) {
        matrices.add(new Matrix(scheme, sector));
      }
    }
    return matrices;
  }

  static Set<String> schemes(Api api) {
    Set<String> schemes = new TreeSet<>();
    api.json("/api/v1/schemes").get("schemes").forEach(s -> schemes.add(s.get("scheme").asText()));
    return schemes;
  }

  /** The cells of a whole (not partial) matrix answer; empty for any other answer. */
  static Optional<Map<String, List<Long>>> cells(Matrix matrix, Api.Answer answer) {
    if (!answer.ok() || answer.body().path("partial").asBoolean(false)) {
      return Optional.empty();
    }
    Map<String, List<Long>> links = new TreeMap<>();
    answer.body().get("cells").forEach(c -> links.put(key(matrix, c), List.of(c.get("companies").asLong(),
        c.get("sites").asLong())));
    return Optional.of(links);
  }

  /** Every matrix merged; fails on any answer that is not a whole 200. */
  static Map<String, List<Long>> everything(Api api) {
    Map<String, List<Long>> links = new TreeMap<>();
    for (Matrix matrix : all(api)) {
      Api.Answer answer = api.get(matrix.path());
      links.putAll(cells(matrix, answer).orElseThrow(() -> new AssertionError("GET " + matrix.path() + " answered "
          + answer.status() + " (a whole matrix was expected): " + answer.response().body())));
    }
    return links;
  }

  /** The expected cells of one matrix, out of every link the model counts. */
  static Map<String, List<Long>> expected(Matrix matrix, Map<String, List<Long>> links) {
    String prefix = matrix.scheme() + ":";
    String suffix = ":" + matrix.sector().name();
    Map<String, List<Long>> cells = new TreeMap<>();
    links.forEach((key, counts) -> {
      if (key.startsWith(prefix) && key.endsWith(suffix)) {
        cells.put(key, counts);
      }
    });
    return cells;
  }

  private static String key(Matrix matrix, JsonNode cell) {
    return String.join(":", matrix.scheme(), cell.get("origin").asText(), cell.get("destination").asText(),
        matrix.sector().name());
  }
}
