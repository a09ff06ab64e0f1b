package io.regiolink.query;

import java.time.Duration;

/**
 * How hard a query tries before it says 503: attempts (each re-reads the cluster metadata, so a
 * finished rebalance is picked up), the pause between them, the timeout of each call to another
 * instance, and how far behind a standby may be to answer a caller that allows stale reads (-1:
 * stale reads refused), and how long a rendered matrix or hubs answer is shared (zero: not at all).
 */
public record QuerySettings(int attempts, Duration backoff, Duration peerTimeout, long standbyMaxLag,
    Duration cacheMaxAge) {
  public boolean standbyReads() {
    return standbyMaxLag >= 0;
  }

  /** What a 503 tells the caller to wait: the time a full round of attempts takes, at least a second. */
  public Duration retryAfter() {
    Duration round = backoff.multipliedBy((long) attempts * (attempts + 1) / 2);
    return round.compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1) : round;
  }
}
