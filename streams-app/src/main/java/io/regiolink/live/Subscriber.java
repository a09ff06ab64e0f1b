package io.regiolink.live;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * One SSE client: a bounded queue the feed thread offers to without ever blocking, and a sender
 * loop (on a thread of its own) that writes to the client and sends a heartbeat comment when
 * there is nothing to say. A client whose queue fills up is too slow and is dropped; the feed and
 * the other clients never wait for it.
 */
final class Subscriber<T> {
  private final Predicate<T> filter;
  private final BlockingQueue<String> queue;
  private final OutputStream out;
  private final Duration heartbeat;
  private final FeedPosition seen;
  private volatile boolean closed;
  private volatile String endReason = "";

  Subscriber(Predicate<T> filter, Optional<FeedPosition> seen, int capacity, OutputStream out, Duration heartbeat) {
    this.filter = filter;
    this.seen = seen.orElse(null);
    this.queue = new ArrayBlockingQueue<>(capacity);
    this.out = out;
    this.heartbeat = heartbeat;
  }

  /** Queues the event if the client wants it and has not seen it; false when the client is too slow. */
  boolean offer(FeedEvent<T> event) {
    FeedPosition position = seen;
    if (position != null && !position.isNew(event.partition(), event.offset())) {
      return true;
    }
    if (!filter.test(event.value())) {
      return true;
    }
    return queue.offer(event.wire());
  }

  /** Queues a raw SSE message (a comment or a gap notice), dropping it if the queue is full. */
  void notice(String wire) {
    queue.offer(wire);
  }

  void close(String reason) {
    endReason = reason;
    closed = true;
  }

  boolean isClosed() {
    return closed;
  }

  String endReason() {
    return endReason;
  }

  /** The sender loop; returns when the client goes away or the subscription is closed. */
  void run() {
    try {
      write(": connected\nretry: 3000\n\n");
      while (!closed) {
        String next = queue.poll(heartbeat.toMillis(), TimeUnit.MILLISECONDS);
        write(next != null ? next : ": heartbeat\n\n");
      }
    } catch (IOException e) {
      close("client went away");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      close("shutting down");
    }
  }

  private void write(String wire) throws IOException {
    StringBuilder batch = new StringBuilder(wire);
    // Drain what is already queued, so a burst goes out in one write and one flush.
    String more;
    while (batch.length() < 64 * 1024 && (more = queue.poll()) != null) {
      batch.append(more);
    }
    out.write(batch.toString().getBytes(StandardCharsets.UTF_8));
    out.flush();
  }
}
