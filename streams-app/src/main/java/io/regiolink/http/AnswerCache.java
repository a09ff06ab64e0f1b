package io.regiolink.http;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * The rendered JSON of the gathering queries (matrix, hubs), shared for {@code query.cache.max-age}.
 * A whole LAD matrix reads every partition of every instance and renders megabytes; a dashboard
 * asks for it again every few seconds, and while it is rendered the stream threads lose a core.
 *
 * <p>An answer younger than the max age is served as it is. An older one is still served, once, to
 * the request that finds it old, which starts one re-render in the background (stale while
 * revalidate); requests meanwhile get the old answer too, but never one older than four max ages:
 * past that they wait for the new one. Only one render per answer runs at a time. A render that
 * fails (a partition unavailable: 503) is not kept, so the next request renders and fails itself.
 * Every answer tells its age ({@link Served#ageMillis}), which the route sends as HTTP {@code Age}.
 */
final class AnswerCache implements AutoCloseable {
  /** How much older than max age a served answer may be while its re-render runs. */
  private static final int STALE_FACTOR = 4;

  /** An answer and how old it is. */
  record Served(byte[] json, long ageMillis) {}

  private record Rendered(byte[] json, long renderedAtMillis) {}

  private final long maxAgeMillis;
  private final long maxBytes;
  private final LongSupplier clock;
  private final Map<String, CompletableFuture<Rendered>> answers = new ConcurrentHashMap<>();
  private final Map<String, CompletableFuture<Rendered>> refreshing = new ConcurrentHashMap<>();
  private final ExecutorService refresher = Executors.newSingleThreadExecutor(r -> {
    Thread t = new Thread(r, "answer-cache-refresh");
    t.setDaemon(true);
    return t;
  });

  /**
   * @param maxAge how long an answer is served without re-rendering; zero renders every request
   * @param maxBytes the most rendered bytes kept; past it the oldest answers are dropped
   */
  AnswerCache(Duration maxAge, long maxBytes, LongSupplier clock) {
    this.maxAgeMillis = maxAge.toMillis();
    this.maxBytes = maxBytes;
    this.clock = clock;
  }

  Duration maxAge() {
    return Duration.ofMillis(maxAgeMillis);
  }

  /** The answer for {@code key} (the request's path and parameters), rendered by {@code render} when needed. */
  Served get(String key, Supplier<byte[]> render) {
    if (maxAgeMillis <= 0) {
      return new Served(render.get(), 0);
    }
    CompletableFuture<Rendered> held = answers.get(key);
    if (held != null && held.isDone() && !held.isCompletedExceptionally()) {
      Rendered r = held.join();
      long age = clock.getAsLong() - r.renderedAtMillis();
      if (age <= maxAgeMillis) {
        return new Served(r.json(), age);
      }
      refresh(key, render);
      if (age <= STALE_FACTOR * maxAgeMillis) {
        return new Served(r.json(), age);
      }
      answers.remove(key, held);
    }
    CompletableFuture<Rendered> mine = new CompletableFuture<>();
    CompletableFuture<Rendered> current = answers.putIfAbsent(key, mine);
    if (current == null) {
      complete(key, mine, render);
      current = mine;
    }
    try {
      Rendered r = current.join();
      return new Served(r.json(), Math.max(0, clock.getAsLong() - r.renderedAtMillis()));
    } catch (CompletionException e) {
      throw e.getCause() instanceof RuntimeException re ? re : e;
    }
  }

  private void refresh(String key, Supplier<byte[]> render) {
    CompletableFuture<Rendered> next = new CompletableFuture<>();
    if (refreshing.putIfAbsent(key, next) != null) {
      return;
    }
    refresher.execute(() -> {
      try {
        complete(key, next, render);
        answers.put(key, next);
      } catch (RuntimeException e) {
        // The old answer stays until it is too old; the request that then renders sees the error.
      } finally {
        refreshing.remove(key, next);
      }
    });
  }

  private void complete(String key, CompletableFuture<Rendered> future, Supplier<byte[]> render) {
    long started = clock.getAsLong();
    try {
      future.complete(new Rendered(render.get(), started));
    } catch (RuntimeException e) {
      answers.remove(key, future);
      future.completeExceptionally(e);
      throw e;
    }
    trim();
  }

  /** Drops the oldest answers while the kept bytes exceed the bound. */
  private void trim() {
    long total = 0;
    for (CompletableFuture<Rendered> f : answers.values()) {
      if (f.isDone() && !f.isCompletedExceptionally()) {
        total += f.join().json().length;
      }
    }
    while (total > maxBytes) {
      Map.Entry<String, CompletableFuture<Rendered>> oldest = null;
      for (Map.Entry<String, CompletableFuture<Rendered>> e : answers.entrySet()) {
        if (e.getValue().isDone() && !e.getValue().isCompletedExceptionally() && (oldest == null
            || e.getValue().join().renderedAtMillis() < oldest.getValue().join().renderedAtMillis())) {
          oldest = e;
        }
      }
      if (oldest == null) {
        return;
      }
      answers.remove(oldest.getKey(), oldest.getValue());
      total -= oldest.getValue().join().json().length;
    }
  }

  @Override
  public void close() {
    refresher.shutdownNow();
  }
}
