package io.regiolink.bench;

import io.regiolink.replay.ProcessingLag;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/** The pass-through ceiling, and waiting for a pipeline to finish. */
final class Runs {
  private Runs() {}

  /**
   * Records/s from the first send until a read_committed consumer has every record: what this
   * broker, producer and consumer can carry with no processing at all.
   */
  static double ceiling(KafkaIo kafka, EncodedInput input, String profiles, String sites) {
    long started = System.nanoTime();
    CompletableFuture<Long> consumed = CompletableFuture.supplyAsync(
        () -> kafka.consume(input.size(), Duration.ofHours(2), profiles, sites));
    kafka.send(input, profiles, sites);
    consumed.join();
    return input.size() / Bench.seconds(started);
  }

  /** Until the app's consumer group has committed every record of every topic it reads. */
  static void awaitZeroLag(ProcessingLag lag, ChildProcess app, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (lag.total() != 0) {
      if (!app.isAlive()) {
        throw new IllegalStateException("The process being measured died while counting; its log ends:\n" + app.tail(30));
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("Not everything was counted after " + timeout.toMinutes() + " min");
      }
      ChildProcess.sleep(100);
    }
  }
}
