package io.regiolink.http;

import io.regiolink.query.AlertView;
import io.regiolink.query.LinkView;
import io.regiolink.query.Queries;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.regiolink.query.Ranking.Cell;
import io.regiolink.query.Ranking.Hub;
import io.regiolink.query.Ranking.HubMove;
import io.regiolink.query.Ranking.LinkChange;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** The JSON answers of the HTTP API (design section 7), field for field. */
public final class Answers {
  private Answers() {}

  public record Schemes(List<SchemeInfo> schemes, Dataset dataset, Queries.Reach history) {}

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

  /**
   * A point answer (a link, a region summary) with the instant it reflects: the asOf asked, or the
   * time of the query for today's counts.
   */
  public record At<T>(@JsonUnwrapped T value, Instant at) {}

  /** {@code at}: the instant the answer reflects (day resolution for a past day: its last millisecond). */
  public record RegionLinks(String scheme, String region, String direction, String sector, List<LinkView> links,
      boolean partial, Instant at) {}

  public record RegionName(String code, String name) {}

  /** {@code asOf}: the event time of the latest change counted (null for a past day); {@code at} as in {@link RegionLinks}. */
  public record Matrix(String scheme, String sector, List<RegionName> regions, List<Cell> cells, Instant asOf,
      boolean partial, Instant at) {}

  public record Hubs(String scheme, String by, String sector, List<Hub> hubs, boolean partial, Instant at) {}

  /**
   * How the network changed between two instants (each at day resolution): the links that changed
   * most, and the regions whose hub rank moved.
   */
  public record Changes(String scheme, String sector, String by, Instant from, Instant to, List<LinkChange> links,
      List<HubMove> hubs, boolean partial) {}

  public record Alerts(List<AlertView> alerts) {}

  public record Problem(String error, String detail) {}

  public record Health(String status, String streams, Map<String, String> stores, Map<String, String> feeds,
      String registry) {}
}
