package io.regiolink.faults;

import static org.assertj.core.api.Assertions.assertThat;

import io.regiolink.app.RegiolinkConfig;
import io.regiolink.embedded.LocalStack;
import io.regiolink.replay.ProcessingLag;
import io.regiolink.testing.Api;
import io.regiolink.testing.RandomRegister;
import io.regiolink.testing.TestConfigs;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Failover under query load (issue 14, item 4): two instances of the packaged app, each its own OS
 * process, serve the whole matrix of every scheme and sector while one of them is killed with
 * SIGKILL. Every answer the survivor gives must be the reference model's, or a 503 with
 * Retry-After; never a wrong or silently partial one. The test reports how long after the kill the
 * survivor served everything, with and without a standby replica.
 *
 * <p>The instances run with the app's defaults for failure detection ({@code kafka.session.timeout.ms}
 * and the heartbeat, see {@code StreamsSettings}): the time measured is the one a user gets.
 */
class FailoverIT {
  private static final String APPLICATION_ID = "regiolink-failover-test";
  /** How long the survivor must keep serving everything for the failover to count as over. */
  private static final Duration STEADY = Duration.ofSeconds(5);

  @TempDir Path work;

  @ParameterizedTest(name = "num.standby.replicas={0}")
  @ValueSource(ints = {1, 0})
  void theSurvivorAnswersEveryQueryCorrectlyOrWith503AndThenServesEverything(int standbys) throws Exception {
    long seed = Long.getLong("faults.seed", new Random().nextLong());
    System.out.printf("FailoverIT seed %d, num.standby.replicas=%d (replay with -Dfaults.seed=%d)%n", seed, standbys,
        seed);
    RandomRegister register = new RandomRegister(seed, 300);
    Map<String, List<Long>> expected = register.expected().links();
    RegiolinkConfig stackConfig = TestConfigs.local(work.resolve("stack"));
    try (LocalStack stack = TestConfigs.stack(stackConfig)) {
      RegiolinkConfig config = stackConfig.withAddressesOf(stack);
      Map<String, String> settings = Map.of("num.standby.replicas", Integer.toString(standbys));
      Path log = work.resolve("instances.log");
      RegiolinkProcess doomed = RegiolinkProcess.start(config, APPLICATION_ID, work.resolve("a"), settings, log);
      RegiolinkProcess survivor = RegiolinkProcess.start(config, APPLICATION_ID, work.resolve("b"), settings, log);
      try {
        doomed.awaitHealthy(Duration.ofMinutes(3));
        survivor.awaitHealthy(Duration.ofMinutes(3));
        register.produce(config);
        try (ProcessingLag lag = ProcessingLag.ofRegiolink(config.kafkaClientSettings(), APPLICATION_ID)) {
          Awaitility.await().atMost(Duration.ofMinutes(3)).until(() -> lag.behind().total() == 0);
        }
        Api api = new Api(survivor.http());
        List<MatrixReads.Matrix> matrices = MatrixReads.all(api);
        // Before the kill both instances serve everything, each gathering the other's partitions.
        for (RegiolinkProcess instance : List.of(doomed, survivor)) {
          Awaitility.await().atMost(Duration.ofMinutes(1)).untilAsserted(() ->
              assertThat(MatrixReads.everything(new Api(instance.http()))).isEqualTo(expected));
        }

        QueryLoad load = new QueryLoad(api, matrices, expected);
        Thread loading = new Thread(load, "failover-query-load");
        loading.start();
        try {
          Thread.sleep(2_000);
          long killedAt = System.nanoTime();
          doomed.kill();
          Duration served = load.awaitServingEverythingSince(killedAt, STEADY, Duration.ofMinutes(3));
          System.out.printf("FailoverIT num.standby.replicas=%d: the survivor served every matrix %.1f s after the "
              + "SIGKILL; %d answers correct, %d were 503 with Retry-After, %d wrong%n", standbys,
              served.toMillis() / 1000.0, load.correct.get(), load.refused.get(), load.wrong.size());
        } finally {
          load.stop();
          loading.join(Duration.ofMinutes(1).toMillis());
        }
        assertThat(load.wrong).as("answers that were neither correct nor a 503 with Retry-After").isEmpty();
        assertThat(load.refused.get()).as("503s while the killed instance's partitions moved").isPositive();
      } finally {
        survivor.stop();
        if (doomed.isAlive()) {
          doomed.stop();
        }
      }
    }
  }

  /**
   * One client asking for every matrix in turn, as fast as it is answered, and sorting each answer:
   * correct, refused (503 with Retry-After), or wrong.
   */
  private static final class QueryLoad implements Runnable {
    /** A pass over every matrix: when it began, and whether every answer in it was correct. */
    private record Round(long startNanos, long endNanos, boolean allCorrect) {}

    private final Api api;
    private final List<MatrixReads.Matrix> matrices;
    private final Map<String, List<Long>> expected;
    private final List<Round> rounds = new CopyOnWriteArrayList<>();
    private final AtomicLong correct = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();
    private final List<String> wrong = new CopyOnWriteArrayList<>();
    private volatile boolean stopped;

    QueryLoad(Api api, List<MatrixReads.Matrix> matrices, Map<String, List<Long>> expected) {
      this.api = api;
      this.matrices = matrices;
      this.expected = expected;
    }

    @Override
    public void run() {
      while (!stopped) {
        long start = System.nanoTime();
        boolean allCorrect = true;
        for (MatrixReads.Matrix matrix : matrices) {
          allCorrect &= ask(matrix);
        }
        rounds.add(new Round(start, System.nanoTime(), allCorrect));
      }
    }

    private boolean ask(MatrixReads.Matrix matrix) {
      Api.Answer answer;
      try {
        answer = api.get(matrix.path());
      } catch (UncheckedIOException e) {
        wrong.add("GET " + matrix.path() + " failed: " + e.getCause());
        return false;
      }
      if (answer.status() == 503 && answer.response().headers().firstValue("Retry-After").isPresent()) {
        refused.incrementAndGet();
        return false;
      }
      if (MatrixReads.cells(matrix, answer).equals(Optional.of(MatrixReads.expected(matrix, expected)))) {
        correct.incrementAndGet();
        return true;
      }
      if (wrong.size() < 20) {
        wrong.add("GET " + matrix.path() + " answered " + answer.status() + ": " + answer.response().body());
      }
      return false;
    }

    /**
     * How long after {@code sinceNanos} the survivor began a pass in which every answer was
     * correct and kept answering everything correctly for {@code steady}.
     */
    Duration awaitServingEverythingSince(long sinceNanos, Duration steady, Duration timeout)
        throws InterruptedException {
      long deadline = System.nanoTime() + timeout.toNanos();
      while (System.nanoTime() < deadline) {
        Long firstOfRun = null;
        for (Round round : rounds) {
          if (round.startNanos() < sinceNanos) {
            continue;
          }
          if (!round.allCorrect()) {
            firstOfRun = null;
          } else if (firstOfRun == null) {
            firstOfRun = round.startNanos();
          }
        }
        if (firstOfRun != null && rounds.get(rounds.size() - 1).endNanos() - firstOfRun >= steady.toNanos()) {
          return Duration.ofNanos(firstOfRun - sinceNanos);
        }
        Thread.sleep(200);
      }
      throw new AssertionError("The survivor did not serve every matrix correctly for " + steady + " within " + timeout
          + " of the kill; " + correct.get() + " correct, " + refused.get() + " refused, wrong: " + wrong);
    }

    void stop() {
      stopped = true;
    }
  }
}
