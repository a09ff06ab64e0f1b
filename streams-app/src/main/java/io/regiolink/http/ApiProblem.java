package io.regiolink.http;

import io.regiolink.query.QueryException;
import java.time.Duration;
import java.util.Optional;

/**
 * A request that cannot be answered as asked, with the HTTP status the API gives it and words for
 * the person who asked: what went wrong ({@code error}) and what to do ({@code detail}).
 */
public final class ApiProblem extends RuntimeException {
  private final int status;
  private final String error;
  private final String detail;
  private final Optional<Duration> retryAfter;

  private ApiProblem(int status, String error, String detail, Optional<Duration> retryAfter) {
    super(error + ": " + detail);
    this.status = status;
    this.error = error;
    this.detail = detail;
    this.retryAfter = retryAfter;
  }

  public static ApiProblem badRequest(String error, String detail) {
    return new ApiProblem(400, error, detail, Optional.empty());
  }

  public static ApiProblem notFound(String error, String detail) {
    return new ApiProblem(404, error, detail, Optional.empty());
  }

  public static ApiProblem methodNotAllowed(String method) {
    return new ApiProblem(405, "method not allowed",
        method + " is not supported: the API is read-only, use GET (or HEAD)", Optional.empty());
  }

  /** Some data the answer needs cannot be read right now (rebalance, restore, an instance away). */
  public static ApiProblem unavailable(String detail, Duration retryAfter) {
    return new ApiProblem(503, "temporarily unavailable", detail, Optional.of(retryAfter));
  }

  /** How the API sends a query's own refusal: unknown things are 404, bad questions 400, unreadable partitions 503. */
  public static ApiProblem of(QueryException e) {
    if (e instanceof QueryException.Unavailable u) {
      return unavailable(u.detail(), u.retryAfter());
    }
    return e instanceof QueryException.NotFound ? notFound(e.error(), e.detail()) : badRequest(e.error(), e.detail());
  }

  public int status() {
    return status;
  }

  public String error() {
    return error;
  }

  public String detail() {
    return detail;
  }

  public Optional<Duration> retryAfter() {
    return retryAfter;
  }
}
