package io.regiolink.faults;

import io.regiolink.app.RegiolinkConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Kills the app with SIGKILL at seeded random moments and starts a new instance on the same state
 * directory, except once, at a seeded kill, on an empty one. A quarter of the kills land while the
 * instance starts or restores (0.5 to 4 s after its start); the others while it serves and counts
 * (0.3 to 4 s after it first answered /health).
 */
final class Killer implements Runnable {
  private final Random random;
  private final int kills;
  private final int freshAfterKill;
  private final RegiolinkConfig stack;
  private final String applicationId;
  private final Map<String, String> settings;
  private final Path work;
  private final AtomicInteger killsDone = new AtomicInteger();
  private final List<Duration> recoveries = Collections.synchronizedList(new ArrayList<>());
  private volatile RegiolinkProcess current;
  private volatile boolean stopping;
  private volatile Throwable failure;

  Killer(Random random, int kills, RegiolinkConfig stack, String applicationId, Map<String, String> settings,
      Path work) {
    this.random = random;
    this.kills = kills;
    // Not the first kill when there are more (its restart would restore what little the first
    // instance wrote), never past the last.
    this.freshAfterKill = Math.min(kills, 2 + random.nextInt(Math.max(1, kills - 2)));
    this.stack = stack;
    this.applicationId = applicationId;
    this.settings = settings;
    this.work = work;
  }

  /** The first instance, healthy before anything is sent (it creates the topics and registers the schemas). */
  void startFirst() throws InterruptedException {
    current = start(work.resolve("state-0"));
    current.awaitHealthy(Duration.ofMinutes(3));
  }

  @Override
  public void run() {
    try {
      for (int kill = 1; kill <= kills && !stopping; kill++) {
        RegiolinkProcess victim = current;
        boolean whileStarting = random.nextInt(4) == 0;
        long delay = whileStarting ? 500 + random.nextInt(3500) : 300 + random.nextInt(3700);
        long from = System.nanoTime();
        if (!whileStarting) {
          while (!stopping && !victim.healthy()) {
            if (Duration.ofNanos(System.nanoTime() - from).toMinutes() >= 3) {
              throw new IllegalStateException("regiolink (pid " + victim.pid() + ") not healthy within 3 minutes; its "
                  + "log ends:\n" + victim.tail(40));
            }
            Thread.sleep(100);
          }
          if (kill > 1) {
            recoveries.add(victim.age()); // a restarted instance, from its start until it served
          }
          from = System.nanoTime();
        }
        while (!stopping && System.nanoTime() - from < Duration.ofMillis(delay).toNanos()) {
          Thread.sleep(20);
        }
        if (stopping) {
          return;
        }
        boolean wasHealthy = victim.healthy();
        victim.kill();
        killsDone.incrementAndGet();
        Thread.sleep(random.nextInt(1000));
        Path stateDir = kill == freshAfterKill ? work.resolve("state-" + kill) : victim.stateDir();
        System.out.printf("CrashIT: SIGKILL %d of %d to pid %d, %d ms after it %s (%s); restarting on %s%n", kill, kills,
            victim.pid(), delay, whileStarting ? "started" : "first served", wasHealthy ? "serving" : "not serving yet",
            kill == freshAfterKill ? "an empty state directory" : "the same state directory");
        current = start(stateDir);
      }
    } catch (Throwable t) {
      failure = t;
    }
  }

  private RegiolinkProcess start(Path stateDir) {
    return RegiolinkProcess.start(stack, applicationId, stateDir, settings, work.resolve("regiolink.log"));
  }

  RegiolinkProcess current() {
    return current;
  }

  int kills() {
    return killsDone.get();
  }

  /** How long restarted instances took from their start until they first answered /health, shortest first. */
  List<Duration> recoveries() {
    synchronized (recoveries) {
      return recoveries.stream().sorted().toList();
    }
  }

  /** Fails the test's thread with what went wrong in the killer's, if anything did. */
  void rethrow() {
    if (failure != null) {
      throw new AssertionError("The killer failed: " + failure, failure);
    }
  }

  /** Stops killing (after a failure elsewhere). */
  void stop() {
    stopping = true;
  }

  /** Kills whatever instance is left, at the end of the test. */
  void stopAll() throws InterruptedException {
    stopping = true;
    RegiolinkProcess last = current;
    if (last != null && last.isAlive()) {
      last.kill();
    }
  }
}
