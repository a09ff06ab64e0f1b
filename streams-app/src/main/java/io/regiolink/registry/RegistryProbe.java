package io.regiolink.registry;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether the schema registry answers, asked in the background every few seconds so that
 * {@code /health} and {@code /metrics} never wait on it.
 *
 * <p>Why an instance needs to know: it keeps counting through a registry outage as long as every
 * schema id it meets is one it has already resolved ({@link WireSerde} keeps them), but a record
 * written with an id it has not seen waits, its task retried from the last commit, until the
 * registry answers again. This is where an operator sees why counting stopped.
 */
public final class RegistryProbe implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(RegistryProbe.class);

  /**
   * @param since when the registry last went from answering to not answering, or back
   * @param detail the last failure, or empty while it answers
   */
  public record Status(boolean reachable, Instant since, String detail) {
    /** For {@code /health}: "reachable", or how long it has not been and why. */
    public String describe(Instant now) {
      if (reachable) {
        return "reachable";
      }
      return "unreachable for " + Duration.between(since, now).toSeconds() + " s (" + detail + "); records with "
          + "schema ids this instance has not resolved yet wait until it answers";
    }
  }

  private final RegistryClient registry;
  private final Clock clock;
  private final ScheduledExecutorService timer;
  private volatile Status status;

  public RegistryProbe(RegistryClient registry, Duration every, Clock clock) {
    this.registry = registry;
    this.clock = clock;
    this.status = new Status(true, clock.instant(), "");
    this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread thread = new Thread(r, "registry-probe");
      thread.setDaemon(true);
      return thread;
    });
    timer.scheduleWithFixedDelay(this::probe, 0, every.toMillis(), TimeUnit.MILLISECONDS);
  }

  public Status status() {
    return status;
  }

  private void probe() {
    boolean reachable;
    String detail;
    try {
      registry.ping();
      reachable = true;
      detail = "";
    } catch (RuntimeException e) {
      reachable = false;
      detail = e.getMessage();
    }
    Status before = status;
    if (before.reachable() == reachable) {
      status = new Status(reachable, before.since(), detail);
      return;
    }
    status = new Status(reachable, clock.instant(), detail);
    if (reachable) {
      LOG.info("The schema registry answers again after {} s", Duration.between(before.since(), clock.instant())
          .toSeconds());
    } else {
      LOG.warn("The schema registry does not answer ({}); counting goes on while records carry schema ids this "
          + "instance has resolved, and waits on records with new ids", detail);
    }
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
