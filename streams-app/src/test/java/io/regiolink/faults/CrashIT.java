package io.regiolink.faults;

import static org.assertj.core.api.Assertions.assertThat;

import io.regiolink.app.RegiolinkConfig;
import io.regiolink.embedded.LocalStack;
import io.regiolink.replay.ProcessingLag;
import io.regiolink.testing.Api;
import io.regiolink.testing.TestConfigs;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The crash test (issue 14, item 1), after Kafka's own EOS system tests: the packaged app runs as
 * its own OS process on the real local broker while a seeded stream of company changes is
 * produced, and is killed with SIGKILL at random moments (mid-transaction, mid-restore, mid-start),
 * then restarted on the same state directory, and once on an empty one, so that it restores from
 * the changelogs. Afterwards the link counts and region summaries (topics read {@code read_committed}
 * and stores read through the API) and the alerts must equal the reference model exactly.
 *
 * <p>Between phases (alert windows) the test waits until everything sent is counted, so that no
 * window closes before its own changes are in: the alerts are then a function of the input alone,
 * and the model can say what they must be. The kills go on throughout, the waits included.
 *
 * <p>Sizes and the seed come from system properties: {@code faults.seed} (replays a run),
 * {@code faults.companies} (default 300), {@code faults.kills} (default 6); {@code
 * faults.guarantee=at_least_once} shows that the test can fail.
 */
class CrashIT {
  private static final String APPLICATION_ID = "regiolink-crash-test";

  @TempDir Path work;

  @Test
  void killedAtRandomMomentsTheAppStillCountsEveryChangeExactlyOnce() throws Exception {
    long seed = Long.getLong("faults.seed", new Random().nextLong());
    int companies = Integer.getInteger("faults.companies", 300);
    int kills = Integer.getInteger("faults.kills", 6);
    String guarantee = System.getProperty("faults.guarantee", "exactly_once_v2");
    System.out.printf("CrashIT seed %d: %d companies, %d kills, %s (replay with -Dfaults.seed=%d)%n", seed, companies,
        kills, guarantee, seed);
    Random random = new Random(seed);
    ChangeScript script = new ChangeScript(new Random(random.nextLong()), companies,
        ChangeScript.firstWindowBefore(Instant.now(), Duration.ofDays(42)));

    RegiolinkConfig stackConfig = TestConfigs.local(work.resolve("stack"));
    try (LocalStack stack = TestConfigs.stack(stackConfig)) {
      RegiolinkConfig config = stackConfig.withAddressesOf(stack);
      // A killed member is out of the group after 6 s: the app's default session timeout.
      Map<String, String> settings = Map.of("processing.guarantee", guarantee, "topics.partitions", "3");
      Killer killer = new Killer(new Random(random.nextLong()), kills, config, APPLICATION_ID, settings, work);
      killer.startFirst();
      Thread killing = new Thread(killer, "crash-test-killer");
      killing.start();
      try (ProcessingLag lag = ProcessingLag.ofRegiolink(config.kafkaClientSettings(), APPLICATION_ID)) {
        ScriptRun run = new ScriptRun(config, script);
        for (ChangeScript.Phase phase : script.phases()) {
          run.produce(phase, random);
          awaitCounted(lag, killer, "phase " + phase.number() + " (" + phase.records() + " records)");
          System.out.printf("CrashIT phase %d counted: %d records, %d kills so far%n", phase.number(), phase.records(),
              killer.kills());
        }
        // Kills still due after the last phase land while the app catches up or sits idle.
        killing.join(Duration.ofMinutes(3).toMillis());
        assertThat(killing.isAlive()).as("the killer finished its %d kills within 3 minutes", kills).isFalse();
        killer.rethrow();
        assertThat(killer.kills()).isEqualTo(kills);
        RegiolinkProcess app = killer.current();
        app.awaitHealthy(Duration.ofMinutes(3));
        awaitCounted(lag, killer, "the end");
        List<Duration> recoveries = killer.recoveries();
        System.out.printf("CrashIT: %d kills, one restart on an empty state directory; %d records sent; restarted "
            + "instances served after %s (shortest), %s (median), %s (longest)%n", killer.kills(), run.records(),
            recoveries.isEmpty() ? "-" : recoveries.get(0), recoveries.isEmpty() ? "-" : recoveries.get(recoveries.size() / 2),
            recoveries.isEmpty() ? "-" : recoveries.get(recoveries.size() - 1));
        run.assertExact(new Api(app.http()), "CrashIT");
        app.stop();
      } finally {
        killer.stop();
        killing.join(Duration.ofMinutes(1).toMillis());
        killer.stopAll();
      }
    }
  }

  private static void awaitCounted(ProcessingLag lag, Killer killer, String what) throws InterruptedException {
    ScriptRun.awaitCounted(lag, what, killer::rethrow, () -> killer.current().tail(40));
  }
}
