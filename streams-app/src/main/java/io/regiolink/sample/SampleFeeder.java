package io.regiolink.sample;

import io.regiolink.avro.EventType;
import io.regiolink.config.PropertiesFile;
import io.regiolink.replay.InputProducer;
import io.regiolink.replay.ProgressBar;
import io.regiolink.topics.Topics;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Feeds the demo: loads the synthetic sample register once (with a progress bar), then keeps a
 * trickle of changes going, one simulated day per {@code sample.day} of real time. Its progress
 * lives in {@code <state.dir>/sample.properties}, so a restarted demo does not load again and
 * carries on from the simulated day it had reached.
 */
public final class SampleFeeder implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(SampleFeeder.class);
  private static final String STATE_FILE = "sample.properties";

  private final SampleSettings sample;
  private final Path stateDir;
  private final Clock clock;
  private final InputProducer producer;
  private final SyntheticRegister register;
  private final Trickle trickle;
  private final Instant simulationStart;
  private final Supplier<String> countsSummary;
  private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "regiolink-sample-trickle");
    t.setDaemon(true);
    return t;
  });
  private int daysSent;
  private boolean waitingForWallClock;
  private volatile boolean closed;

  private SampleFeeder(SampleSettings sample, Path stateDir, Supplier<InputProducer> producer, Clock clock,
      Supplier<String> countsSummary) {
    this.sample = sample;
    this.stateDir = stateDir;
    this.clock = clock;
    this.countsSummary = countsSummary;
    Properties state = readState(stateDir);
    if (!state.isEmpty() && (Long.parseLong(state.getProperty("seed")) != sample.seed()
        || Integer.parseInt(state.getProperty("companies")) != sample.companies())) {
      throw new IllegalStateException("The sample in " + stateDir.toAbsolutePath() + " was made with seed "
          + state.getProperty("seed") + " and " + state.getProperty("companies") + " companies, not "
          + sample.seed() + " and " + sample.companies() + ". Use the same sample.* settings, or another --state-dir.");
    }
    this.register = new SyntheticRegister(sample.seed(), sample.companies());
    this.trickle = new Trickle(register, sample.seed());
    // Two years back, on a Monday: weekly windows line up, and the trickle has two years of
    // simulated time before it would catch up with the wall clock.
    this.simulationStart = state.isEmpty()
        ? clock.instant().minus(Duration.ofDays(730)).atZone(ZoneOffset.UTC).truncatedTo(ChronoUnit.DAYS)
            .with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)).toInstant()
        : Instant.parse(state.getProperty("simulation.start"));
    this.daysSent = state.isEmpty() ? 0 : Integer.parseInt(state.getProperty("days"));
    for (int day = 1; day <= daysSent; day++) {
      trickle.day(day, dayStart(day)); // rebuilds the register as it was, sending nothing
    }
    // Made last, so a refused state directory leaves no producer behind.
    this.producer = producer.get();
  }

  /** Rebuilds the register as this state directory last saw it; {@link #start} then feeds it. */
  /** @param producer makes the producer the feeder sends with (and closes) */
  public static SampleFeeder create(SampleSettings sample, Path stateDir, Supplier<InputProducer> producer,
      Supplier<String> countsSummary) {
    return new SampleFeeder(sample, stateDir, producer, Clock.systemUTC(), countsSummary);
  }

  /** Loads the register if this state directory has not had it yet, then starts the trickle. */
  public void start(PrintWriter out) {
    if (!Files.exists(stateDir.resolve(STATE_FILE))) {
      load(out);
    } else {
      out.printf("  Sample register: %,d synthetic companies already loaded; resuming the trickle at simulated day %d (%s)%n",
          register.size(), daysSent + 1, dayStart(daysSent + 1).toString().substring(0, 10));
      out.flush();
    }
    if (!closed) {
      long period = sample.realTimePerDay().toMillis();
      scheduler.scheduleAtFixedRate(this::nextDay, period, period, TimeUnit.MILLISECONDS);
    }
  }

  private void load(PrintWriter out) {
    List<SampleCompany> companies = register.companies();
    Instant at = simulationStart;
    long timepoint = 1;
    int done = 0;
    long started = System.nanoTime();
    ProgressBar bar = ProgressBar.onConsole(out, "Loading sample register (" + SyntheticRegister.LABEL + ")");
    for (SampleCompany c : companies) {
      if (closed) {
        out.printf("%n  Sample loading stopped at %,d companies; the next start loads it again.%n", done);
        out.flush();
        return;
      }
      producer.send(Topics.PROFILES.name(), c.number,
          SyntheticRegister.profile(c, timepoint++, at, EventType.snapshot, List.of()));
      producer.send(Topics.TRADING_SITES.name(), c.number, SyntheticRegister.sites(c, at));
      done++;
      bar.update(done, companies.size(), String.format("%,d/%,d companies", done, companies.size()));
    }
    producer.flush();
    bar.finish(done, companies.size(), String.format("%,d/%,d companies", done, companies.size()));
    out.printf("  Sample register loaded: %,d synthetic companies (ZZ000001 upwards) in %.1f s; trickle: one simulated day per %s, from %s%n",
        companies.size(), (System.nanoTime() - started) / 1e9, sample.realTimePerDay().toString().substring(2).toLowerCase(),
        simulationStart.toString().substring(0, 10));
    out.flush();
    saveState();
  }

  private void nextDay() {
    try {
      int day = daysSent + 1;
      Instant start = dayStart(day);
      if (start.plus(Duration.ofDays(1)).isAfter(clock.instant())) {
        if (!waitingForWallClock) {
          LOG.info("The simulated clock has caught up with the wall clock; the trickle now runs at real time");
          waitingForWallClock = true;
        }
        return;
      }
      Trickle.Day changes = trickle.day(day, start);
      for (Trickle.Event event : changes.events()) {
        producer.send(event.profile() ? Topics.PROFILES.name() : Topics.TRADING_SITES.name(), event.key(), event.value());
      }
      producer.flush();
      daysSent = day;
      saveState();
      LOG.info("Simulated {} (day {}): {}. {}", start.toString().substring(0, 10), day, changes, countsSummary.get());
    } catch (RuntimeException e) {
      // The trickle is a demo aid: a failed day is logged and tried again next tick, never fatal.
      LOG.warn("Sample trickle: simulated day {} not sent ({}); will retry", daysSent + 1, e.getMessage());
    }
  }

  private Instant dayStart(int day) {
    return simulationStart.plus(Duration.ofDays(day));
  }

  private void saveState() {
    Properties p = new Properties();
    p.setProperty("seed", Long.toString(sample.seed()));
    p.setProperty("companies", Integer.toString(sample.companies()));
    p.setProperty("simulation.start", simulationStart.toString());
    p.setProperty("days", Integer.toString(daysSent));
    PropertiesFile.write(stateDir.resolve(STATE_FILE), p,
        "the demo's sample register: loaded, and how many simulated days of changes were sent");
  }

  private static Properties readState(Path stateDir) {
    return PropertiesFile.read(stateDir.resolve(STATE_FILE));
  }

  @Override
  public void close() {
    closed = true;
    scheduler.shutdownNow();
    try {
      scheduler.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    producer.close();
  }
}
