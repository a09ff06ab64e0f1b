package io.regiolink.http;

import io.regiolink.query.AlertView;
import io.regiolink.query.LinkView;
import io.regiolink.query.Ranking.Cell;
import io.regiolink.query.Ranking.Hub;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** The JSON answers of the HTTP API (design section 7), field for field. */
public final class Answers {
  private Answers() {}

  public record Schemes(List<SchemeInfo> schemes, Dataset dataset) {}

  /** A scheme and its number of regions. */
  public record SchemeInfo(String scheme, int regions) {}

  /** What the counts are made of: the bundled synthetic sample, or the user's own input. */
  public record Dataset(String kind, String label) {
    public static Dataset syntheticSample(String label) {
      return new Dataset("synthetic-sample", label);
    }

    public static Dataset user(String label) {
      return new Dataset("user", label);
    }
  }

  public record Regions(String scheme, List<RegionPoint> regions) {}

  public record RegionPoint(String code, String name, double lat, double lon) {}

  public record RegionLinks(String scheme, String region, String direction, String sector, List<LinkView> links,
      boolean partial) {}

  public record RegionName(String code, String name) {}

  public record Matrix(String scheme, String sector, List<RegionName> regions, List<Cell> cells, Instant asOf,
      boolean partial) {}

  public record Hubs(String scheme, String by, String sector, List<Hub> hubs, boolean partial) {}

  public record Alerts(List<AlertView> alerts) {}

  public record Problem(String error, String detail) {}

  public record Health(String status, String streams, Map<String, String> stores, Map<String, String> feeds,
      String registry) {}
}
