package io.regiolink.query;

import java.time.Duration;

/**
 * A query that cannot be answered as asked, in the query's own terms: what went wrong
 * ({@code error}) and what to do ({@code detail}). The HTTP layer decides how each kind is sent.
 */
public abstract sealed class QueryException extends RuntimeException {
  private final String error;
  private final String detail;

  private QueryException(String error, String detail) {
    super(error + ": " + detail);
    this.error = error;
    this.detail = detail;
  }

  public String error() {
    return error;
  }

  public String detail() {
    return detail;
  }

  /** No such scheme, region or company. */
  public static final class NotFound extends QueryException {
    public NotFound(String error, String detail) {
      super(error, detail);
    }
  }

  /** The question itself is malformed or asks for something this deployment does not offer. */
  public static final class Invalid extends QueryException {
    public Invalid(String error, String detail) {
      super(error, detail);
    }
  }

  /** Some partitions the answer needs cannot be read right now (rebalance, restore, an instance away). */
  public static final class Unavailable extends QueryException {
    private final Duration retryAfter;

    public Unavailable(String detail, Duration retryAfter) {
      super("temporarily unavailable", detail);
      this.retryAfter = retryAfter;
    }

    /** How long a full round of retries takes: when asking again is worth it. */
    public Duration retryAfter() {
      return retryAfter;
    }
  }
}
