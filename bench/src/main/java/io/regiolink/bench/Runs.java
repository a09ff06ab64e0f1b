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
        () -> kafka.consume(input.size(), STALL, profiles, sites));
    kafka.send(input, profiles, sites);
    consumed.join();
    return input.size() / Bench.seconds(started);
  }

  /** How long the records behind may stay unchanged before a pipeline is taken as stuck. */
  static final Duration STALL = Duration.ofMinutes(3);

  /**
   * Until the app's consumer group has committed every record of every topic it reads. Fails when
   * the process dies, or when the records behind stay the same for {@link #STALL}: a stuck
   * pipeline is reported with the partitions it is stuck on, instead of being waited for.
   */
  static void awaitCounted(ProcessingLag lag, ChildProcess app) {
    long last = -1;
    long changedAt = System.nanoTime();
    while (true) {
      ProcessingLag.Behind behind = lag.behind();
      long total = behind.total();
      if (total == 0) {
        return;
      }
      if (!app.isAlive()) {
        throw new IllegalStateException("The process being measured died while counting; its log ends:\n" + app.tail(30));
      }
      if (total != last) {
        last = total;
        changedAt = System.nanoTime();
      } else if (System.nanoTime() - changedAt > STALL.toNanos()) {
        throw new IllegalStateException("Nothing was counted for " + STALL.toMinutes() + " min with records still "
            + "behind (" + behind + "); the process's log ends:\n" + app.tail(30));
      }
      ChildProcess.sleep(100);
    }
  }
}
