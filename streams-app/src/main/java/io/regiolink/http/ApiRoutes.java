package io.regiolink.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.regiolink.avro.AlertKind;
import io.regiolink.footprint.LinkKey;
import io.regiolink.footprint.RegionKey;
import io.regiolink.geo.RegionScheme;
import io.regiolink.live.LiveFeed;
import io.regiolink.query.AlertView;
import io.regiolink.query.LinkView;
import io.regiolink.query.Queries;
import io.regiolink.query.Ranking;
import io.regiolink.query.ReadOptions;
import io.regiolink.query.RegionView;
import io.regiolink.sector.SectorGroup;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.function.ToLongFunction;

/** The query endpoints of design section 7, under /api/v1: validation here, the work in {@link Queries}. */
final class ApiRoutes {
  static final String PREFIX = "/api/v1";
  private static final Set<String> POINT = Set.of("sector", "allowStale", "asOf");

  private final Queries queries;
  private final LiveFeed<AlertView> alerts;
  private final Answers.Dataset dataset;
  private final List<RegionScheme> schemes;
  private final AnswerCache answers;
  private final ObjectMapper json;

  ApiRoutes(Queries queries, List<RegionScheme> schemes, LiveFeed<AlertView> alerts, Answers.Dataset dataset,
      AnswerCache answers, ObjectMapper json) {
    this.queries = queries;
    this.schemes = schemes;
    this.alerts = alerts;
    this.dataset = dataset;
    this.answers = answers;
    this.json = json;
  }

  void addTo(Javalin app) {
    Reads.get(app, PREFIX + "/schemes", this::schemes);
    Reads.get(app, PREFIX + "/schemes/{scheme}/regions", this::regions);
    Reads.get(app, PREFIX + "/links/{scheme}/{origin}/{destination}", this::link);
    Reads.get(app, PREFIX + "/links/{scheme}/{region}", this::regionLinks);
    Reads.get(app, PREFIX + "/regions/{scheme}/{region}", this::regionSummary);
    Reads.get(app, PREFIX + "/matrix/{scheme}", this::matrix);
    Reads.get(app, PREFIX + "/hubs/{scheme}", this::hubs);
    Reads.get(app, PREFIX + "/changes/{scheme}", this::changes);
    Reads.get(app, PREFIX + "/companies/{number}", this::company);
    Reads.get(app, PREFIX + "/alerts", this::alerts);
    Reads.get(app, PREFIX + "/coverage", this::coverage);
  }

  private void schemes(Context ctx) {
    new QueryParams(ctx.queryParamMap(), Set.of());
    ctx.json(new Answers.Schemes(schemes.stream().map(s -> new Answers.SchemeInfo(s.name(), s.regions().size())).toList(),
        dataset, queries.reach()));
  }

  private void regions(Context ctx) {
    new QueryParams(ctx.queryParamMap(), Set.of());
    RegionScheme scheme = queries.scheme(ctx.pathParam("scheme"));
    ctx.json(new Answers.Regions(scheme.name(), scheme.regions().stream()
        .map(r -> new Answers.RegionPoint(r.code(), r.name(), r.lat(), r.lon())).toList()));
  }

  private void link(Context ctx) {
    QueryParams params = new QueryParams(ctx.queryParamMap(), POINT);
    RegionScheme scheme = queries.scheme(ctx.pathParam("scheme"));
    String origin = queries.region(scheme, ctx.pathParam("origin"), false);
    String destination = queries.region(scheme, ctx.pathParam("destination"), false);
    Queries.Moment moment = queries.moment(params.asOf("asOf"), false);
    ctx.json(new Answers.At<>(queries.link(new LinkKey(scheme.name(), origin, destination, params.sector()),
        pointOptions(params), moment), moment.at()));
  }

  private void regionLinks(Context ctx) {
    QueryParams params = new QueryParams(ctx.queryParamMap(),
        Set.of("direction", "sector", "limit", "allowPartial", "allowStale", "asOf"));
    RegionScheme scheme = queries.scheme(ctx.pathParam("scheme"));
    String region = queries.region(scheme, ctx.pathParam("region"), false);
    String direction = params.choice("direction", "out", "in");
    SectorGroup sector = params.sector();
    int limit = params.limit("limit", 100);
    ReadOptions options = gatherOptions(params);
    Queries.Moment moment = queries.moment(params.asOf("asOf"), true);
    Queries.Gathered<LinkView> links = direction.equals("out")
        ? queries.linksFrom(scheme.name(), region, sector, options, moment)
        : queries.linksInto(scheme.name(), region, sector, options, moment);
    ctx.json(new Answers.RegionLinks(scheme.name(), region, direction, sector.name(),
        Ranking.largestLinks(links.values(), limit), links.partial(), moment.at()));
  }

  private void regionSummary(Context ctx) {
    QueryParams params = new QueryParams(ctx.queryParamMap(), POINT);
    RegionScheme scheme = queries.scheme(ctx.pathParam("scheme"));
    String region = queries.region(scheme, ctx.pathParam("region"), true);
    Queries.Moment moment = queries.moment(params.asOf("asOf"), false);
    ctx.json(new Answers.At<>(queries.region(new RegionKey(scheme.name(), region, params.sector()),
        pointOptions(params), moment), moment.at()));
  }

  private void matrix(Context ctx) {
    QueryParams params = new QueryParams(ctx.queryParamMap(), Set.of("sector", "allowPartial", "allowStale", "asOf"));
    RegionScheme scheme = queries.scheme(ctx.pathParam("scheme"));
    SectorGroup sector = params.sector();
    ReadOptions options = gatherOptions(params);
    Queries.Moment moment = queries.moment(params.asOf("asOf"), true);
    shared(ctx, () -> {
      Queries.Gathered<LinkView> links = queries.allLinks(scheme.name(), sector, options, moment);
      return new Answers.Matrix(scheme.name(), sector.name(),
          scheme.regions().stream().map(r -> new Answers.RegionName(r.code(), r.name())).toList(),
          Ranking.cells(links.values()), Ranking.latest(links.values()), links.partial(), moment.at());
    });
  }

  private void hubs(Context ctx) {
    QueryParams params = new QueryParams(ctx.queryParamMap(),
        Set.of("by", "sector", "top", "allowPartial", "allowStale", "asOf"));
    RegionScheme scheme = queries.scheme(ctx.pathParam("scheme"));
    String by = params.choice("by", "inbound", "outbound");
    SectorGroup sector = params.sector();
    int top = params.limit("top", 20);
    ReadOptions options = gatherOptions(params);
    Queries.Moment moment = queries.moment(params.asOf("asOf"), true);
    shared(ctx, () -> {
      Queries.Gathered<RegionView> summaries = queries.regions(scheme.name(), sector, options, moment);
      return new Answers.Hubs(scheme.name(), by, sector.name(),
          Ranking.hubs(summaries.values(), measure(by), top, code -> queries.regionName(scheme, code)),
          summaries.partial(), moment.at());
    });
  }

  private static ToLongFunction<RegionView> measure(String by) {
    return by.equals("inbound") ? RegionView::inbound : RegionView::outbound;
  }

  /**
   * The links that changed most between two days, and the regions whose hub rank moved: two
   * day-resolution readings of the matrix and of the region summaries, compared.
   */
  private void changes(Context ctx) {
    QueryParams params = new QueryParams(ctx.queryParamMap(),
        Set.of("from", "to", "by", "sector", "limit", "allowPartial", "allowStale"));
    RegionScheme scheme = queries.scheme(ctx.pathParam("scheme"));
    Instant fromAsked = params.asOf("from").orElseThrow(() -> ApiProblem.badRequest("no from",
        "from is required: the earlier instant or date to compare, e.g. from=2026-01-31"));
    Queries.Moment from = queries.moment(Optional.of(fromAsked), true);
    Queries.Moment to = queries.moment(params.asOf("to"), true);
    if (!from.at().isBefore(to.at())) {
      throw ApiProblem.badRequest("from " + from.at() + " is not before to " + to.at(),
          "at day resolution both stand for the end of a day: ask for a from at least one day before to");
    }
    String by = params.choice("by", "inbound", "outbound");
    SectorGroup sector = params.sector();
    int limit = params.limit("limit", 20);
    ReadOptions options = gatherOptions(params);
    shared(ctx, () -> {
      Queries.Gathered<LinkView> linksBefore = queries.allLinks(scheme.name(), sector, options, from);
      Queries.Gathered<LinkView> linksAfter = queries.allLinks(scheme.name(), sector, options, to);
      Queries.Gathered<RegionView> regionsBefore = queries.regions(scheme.name(), sector, options, from);
      Queries.Gathered<RegionView> regionsAfter = queries.regions(scheme.name(), sector, options, to);
      return new Answers.Changes(scheme.name(), sector.name(), by, from.at(), to.at(),
          Ranking.changes(linksBefore.values(), linksAfter.values(), limit),
          Ranking.hubMoves(regionsBefore.values(), regionsAfter.values(), measure(by), limit,
              code -> queries.regionName(scheme, code)),
          linksBefore.partial() || linksAfter.partial() || regionsBefore.partial() || regionsAfter.partial());
    });
  }

  private void coverage(Context ctx) {
    QueryParams params = new QueryParams(ctx.queryParamMap(), Set.of("allowPartial", "allowStale"));
    ReadOptions options = gatherOptions(params);
    shared(ctx, () -> queries.coverage(options));
  }

  private void company(Context ctx) {
    QueryParams params = new QueryParams(ctx.queryParamMap(), Set.of("allowStale"));
    ctx.json(queries.company(ctx.pathParam("number"), pointOptions(params)));
  }

  /**
   * A gathering answer through the {@link AnswerCache}, keyed by path and parameters (validated
   * above), with its age as HTTP {@code Age} and {@code Cache-Control} telling how long it is shared.
   */
  private void shared(Context ctx, Supplier<Object> answer) {
    String key = ctx.path() + "?" + new TreeMap<>(ctx.queryParamMap());
    AnswerCache.Served served = answers.get(key, () -> ApiJson.bytes(json, answer.get()));
    ctx.header("Age", Long.toString(served.ageMillis() / 1000));
    ctx.header("Cache-Control", "max-age=" + answers.maxAge().toSeconds());
    ctx.contentType("application/json").result(served.json());
  }

  private ReadOptions pointOptions(QueryParams params) {
    return queries.options(false, params.flag("allowStale"));
  }

  private ReadOptions gatherOptions(QueryParams params) {
    return queries.options(params.flag("allowPartial"), params.flag("allowStale"));
  }

  private void alerts(Context ctx) {
    QueryParams params = new QueryParams(ctx.queryParamMap(), Set.of("since", "kind", "scheme", "limit"));
    Instant since = params.instant("since").orElse(Instant.EPOCH);
    String kind = params.optional("kind").map(k -> {
      if (Arrays.stream(AlertKind.values()).noneMatch(v -> v.name().equals(k))) {
        throw ApiProblem.badRequest("bad kind '" + k + "'", "kind must be one of " + Arrays.toString(AlertKind.values()));
      }
      return k;
    }).orElse(null);
    String scheme = params.optional("scheme").map(s -> queries.scheme(s).name()).orElse(null);
    int limit = params.limit("limit", 100);
    if (!alerts.caughtUp()) {
      throw ApiProblem.unavailable("this instance is still reading the retained alerts from regiolink.alerts.v1",
          Duration.ofSeconds(1));
    }
    List<AlertView> arrivedLastFirst = new ArrayList<>(alerts.recent());
    Collections.reverse(arrivedLastFirst);
    List<AlertView> newestFirst = arrivedLastFirst.stream()
        .filter(a -> !a.detectedAt().isBefore(since))
        .filter(a -> kind == null || a.kind().equals(kind))
        .filter(a -> scheme == null || a.scheme().equals(scheme))
        .sorted(Comparator.comparing(AlertView::detectedAt).reversed())
        .limit(limit)
        .toList();
    ctx.json(new Answers.Alerts(newestFirst));
  }
}
