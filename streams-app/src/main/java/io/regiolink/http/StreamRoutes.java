package io.regiolink.http;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.regiolink.geo.RegionScheme;
import io.regiolink.live.FeedPosition;
import io.regiolink.live.LiveFeed;
import io.regiolink.query.AlertView;
import io.regiolink.query.LinkView;
import io.regiolink.query.Queries;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * {@code /stream/links} and {@code /stream/alerts}: Server-Sent Events from this instance's shared
 * feeds. Parameters are checked before the stream starts, so a bad one is a plain 400, not a
 * stream that never says anything.
 */
final class StreamRoutes {
  private static final Set<String> FILTERS = Set.of("scheme", "region", "sector", "lastEventId");

  private final Queries queries;
  private final List<RegionScheme> schemes;
  private final LiveFeed<LinkView> links;
  private final LiveFeed<AlertView> alerts;

  StreamRoutes(Queries queries, List<RegionScheme> schemes, LiveFeed<LinkView> links, LiveFeed<AlertView> alerts) {
    this.queries = queries;
    this.schemes = schemes;
    this.links = links;
    this.alerts = alerts;
  }

  void addTo(Javalin app) {
    app.get(ApiRoutes.PREFIX + "/stream/links", ctx -> stream(ctx, links,
        f -> l -> f.matches(l.scheme(), l.sector(), l.origin(), l.destination())));
    app.get(ApiRoutes.PREFIX + "/stream/alerts", ctx -> stream(ctx, alerts,
        f -> a -> f.matches(a.scheme(), a.sector(), a.origin(), a.destination()) || f.matchesRegion(a.scheme(),
            a.sector(), a.region())));
  }

  /** The filters of one subscription; null means any. */
  private record Filter(String scheme, String region, String sector) {
    boolean matches(String s, String sec, String origin, String destination) {
      return (scheme == null || scheme.equals(s)) && (sector == null || sector.equals(sec))
          && (region == null || region.equals(origin) || region.equals(destination));
    }

    boolean matchesRegion(String s, String sec, String hub) {
      return hub != null && (scheme == null || scheme.equals(s)) && (sector == null || sector.equals(sec))
          && (region == null || region.equals(hub));
    }
  }

  private <T> void stream(Context ctx, LiveFeed<T> feed, Function<Filter, Predicate<T>> predicate) {
    QueryParams params = new QueryParams(ctx.queryParamMap(), FILTERS);
    Optional<String> schemeName = params.optional("scheme");
    Optional<RegionScheme> scheme = schemeName.map(queries::scheme);
    String region = params.optional("region").map(code -> {
      boolean known = scheme.map(s -> s.region(code).isPresent())
          .orElseGet(() -> schemes.stream().anyMatch(s -> s.region(code).isPresent()));
      if (!known) {
        throw ApiProblem.notFound("unknown region '" + code + "'" + scheme.map(s -> " in scheme " + s.name()).orElse(""),
            "GET /api/v1/schemes/{scheme}/regions lists the regions of each scheme");
      }
      return code;
    }).orElse(null);
    String sector = params.optional("sector").map(s -> params.sector().name()).orElse(null);
    String lastEventId = Optional.ofNullable(ctx.header("Last-Event-ID")).or(() -> params.optional("lastEventId"))
        .orElse(null);
    Optional<FeedPosition> seen = Optional.empty();
    if (lastEventId != null && !lastEventId.isBlank()) {
      seen = Optional.of(FeedPosition.parse(lastEventId, feed.partitions()).orElseThrow(() -> ApiProblem.badRequest(
          "bad Last-Event-ID '" + lastEventId + "'", "it must be an id this stream sent: " + feed.partitions()
              + " offsets joined by '.', one per partition of " + feed.topic())));
    }
    if (feed.full()) {
      throw ApiProblem.unavailable("this instance serves as many stream clients as it is configured for"
          + " (stream.max.clients); try another instance or later", Duration.ofSeconds(5));
    }
    ctx.status(200).contentType("text/event-stream; charset=utf-8");
    ctx.header("Cache-Control", "no-cache");
    ctx.header("X-Accel-Buffering", "no");
    Predicate<T> wanted = predicate.apply(new Filter(schemeName.orElse(null), region, sector));
    Optional<FeedPosition> from = seen;
    ctx.future(() -> {
      try {
        return feed.subscribe(wanted, from, ctx.res().getOutputStream()).thenApply(reason -> null);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    });
  }
}
