package io.regiolink.connectors.chstream;

import java.time.Duration;
import java.util.Random;

/**
 * Reconnect delays: exponential from {@code initial}, capped at {@code max}, with "equal jitter"
 * (each delay is drawn from the upper half of its step), so many connectors dropped at the same
 * moment (the nightly disconnect) do not all come back at the same moment.
 */
public final class Backoff {
  private final Duration initial;
  private final Duration max;
  private final Random random;
  private int failures;

  public Backoff(Duration initial, Duration max, Random random) {
    this.initial = initial;
    this.max = max;
    this.random = random;
  }

  /** The delay before the next attempt, one step longer than the last. */
  public Duration next() {
    long step = initial.toMillis() << Math.min(failures, 30);
    long capped = Math.min(step <= 0 ? Long.MAX_VALUE : step, max.toMillis());
    failures++;
    long half = capped / 2;
    return Duration.ofMillis(half + (half == 0 ? 0 : (long) (random.nextDouble() * (capped - half + 1))));
  }

  /** Back to the first step, after a connection that delivered events. */
  public void reset() {
    failures = 0;
  }

  public int failures() {
    return failures;
  }
}
