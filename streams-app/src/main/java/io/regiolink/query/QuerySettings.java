package io.regiolink.query;

import io.regiolink.config.Setting;
import io.regiolink.config.Settings;
import java.time.Duration;
import java.util.List;

/**
 * How hard a query tries before it says 503: attempts (each re-reads the cluster metadata, so a
 * finished rebalance is picked up), the pause between them, the timeout of each call to another
 * instance, and how far behind a standby may be to answer a caller that allows stale reads (-1:
 * stale reads refused), and how long a rendered matrix or hubs answer is shared (zero: not at all).
 */
public record QuerySettings(int attempts, Duration backoff, Duration peerTimeout, long standbyMaxLag,
    Duration cacheMaxAge) {

  public static final Setting<Integer> ATTEMPTS = Setting.integer("query.attempts", "3", 1, 20,
      "Tries of a query whose partitions cannot all be read (each on fresh metadata) before 503");
  public static final Setting<Duration> BACKOFF = Setting.duration("query.backoff", "PT0.25S",
      "Pause before the n-th retry of a query: n times this (ISO-8601 duration)");
  public static final Setting<Duration> PEER_TIMEOUT = Setting.duration("query.peer.timeout", "PT2S",
      "Timeout of each call to another instance (ISO-8601 duration)");
  public static final Setting<Duration> CACHE_MAX_AGE = Setting.duration("query.cache.max.age", "PT1S",
      "How long a rendered matrix or hubs answer is shared before it is rendered again; an older one is served while"
          + " one re-render runs (never older than four max ages), and the Age header says how old (PT0S renders every"
          + " request)");
  public static final Setting<Long> STANDBY_MAX_LAG = Setting.longInteger("query.standby.max.lag", "10000", -1,
      "Records a standby may lag to answer a query with allowStale=true (a caught-up one shows 1 at exactly-once);"
          + " -1 refuses stale reads");
  public static final List<Setting<?>> SETTINGS = List.of(ATTEMPTS, BACKOFF, PEER_TIMEOUT, CACHE_MAX_AGE,
      STANDBY_MAX_LAG);

  public static QuerySettings from(Settings settings) {
    return new QuerySettings(settings.get(ATTEMPTS), settings.get(BACKOFF), settings.get(PEER_TIMEOUT),
        settings.get(STANDBY_MAX_LAG), settings.get(CACHE_MAX_AGE));
  }

  public boolean standbyReads() {
    return standbyMaxLag >= 0;
  }

  /** What a 503 tells the caller to wait: the time a full round of attempts takes, at least a second. */
  public Duration retryAfter() {
    Duration round = backoff.multipliedBy((long) attempts * (attempts + 1) / 2);
    return round.compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1) : round;
  }
}
