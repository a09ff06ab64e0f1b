package io.regiolink.alerts;

import io.regiolink.avro.AlertKind;
import io.regiolink.avro.LinkShiftAlert;
import io.regiolink.avro.internal.AlertClockState;
import io.regiolink.avro.internal.AlertState;
import io.regiolink.avro.internal.CountDelta;
import io.regiolink.avro.internal.PendingChange;
import io.regiolink.avro.internal.WindowedValueState;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.ContextualProcessor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Kafka shell around the alert rules: keeps watched values per event-time window in state
 * stores, advances this task's event-time clock, and at each window close applies
 * {@link LinkShift} (links) or {@link HubRanking} (hubs) and forwards the alerts. Everything it
 * remembers is in stores, so alerts survive restarts and are exactly-once with the counts.
 */
final class AlertProcessor extends ContextualProcessor<String, CountDelta, String, LinkShiftAlert> {
  enum Mode { LINKS, HUBS }

  private static final String CLOCK_KEY = "clock";
  private static final char HUB_SEPARATOR = '|';
  private static final int MIN_LINKS_PER_SLICE = 500;

  private static final Logger LOG = LoggerFactory.getLogger(AlertProcessor.class);

  private final Mode mode;
  private final String valuesStoreName;
  private final String clockStoreName;
  private final AlertSettings settings;
  private final Duration slice;
  private final int minLinksPerSlice;
  private KeyValueStore<String, AlertState> values;
  private KeyValueStore<String, AlertClockState> clocks;
  private AlertClock clock;
  private Sensor late;
  /** Wall-clock time at which each closable window was first seen closable; rebuilt after a restart. */
  private final Map<Instant, Long> closableSince = new TreeMap<>();

  AlertProcessor(Mode mode, String valuesStoreName, String clockStoreName, AlertSettings settings) {
    this(mode, valuesStoreName, clockStoreName, settings, AlertsTopology.CLOSE_SLICE, MIN_LINKS_PER_SLICE);
  }

  /** With the slicing of link closes chosen, so that a test can make every slice small. */
  AlertProcessor(Mode mode, String valuesStoreName, String clockStoreName, AlertSettings settings, Duration slice,
      int minLinksPerSlice) {
    this.mode = mode;
    this.valuesStoreName = valuesStoreName;
    this.clockStoreName = clockStoreName;
    this.settings = settings;
    this.slice = slice;
    this.minLinksPerSlice = minLinksPerSlice;
  }

  @Override
  public void init(ProcessorContext<String, LinkShiftAlert> context) {
    super.init(context);
    values = context.getStateStore(valuesStoreName);
    clocks = context.getStateStore(clockStoreName);
    clock = load(clocks.get(CLOCK_KEY));
    LOG.debug("Alerts ({}) task {}: stream time {}, earliest {}, last window closed {}, {} closed", mode,
        context.taskId(), clock.streamTime(), clock.earliest(), clock.lastClosedEnd(), clock.closedWindows());
    late = context.metrics().addRateTotalSensor("regiolink", "alerts-" + mode.name().toLowerCase(), "late-changes",
        Sensor.RecordingLevel.INFO);
    context.schedule(AlertsTopology.CLOSE_CHECK, PunctuationType.WALL_CLOCK_TIME, this::closeDueWindows);
  }

  @Override
  public void process(Record<String, CountDelta> record) {
    CountDelta d = record.value();
    Instant eventTime = d.getEventTime();
    AlertWindows windows = settings.windows();
    String name = mode == Mode.LINKS ? record.key() : d.getOrigin(); // a REGION delta's origin is its region
    long delta = mode == Mode.LINKS ? d.getCompanies() : d.getInbound();
    // Every delta moves this partition's event time on; only watched ones are remembered.
    boolean watched = delta != 0 && settings.watches(d.getScheme(), d.getSector());
    if (watched && clock.isLate(eventTime, windows)) {
      late.record();
    }
    if (watched) {
      String stateKey = stateKey(record.key(), name);
      Map<String, WindowedValue> state = load(values.get(stateKey));
      WindowedValue value = state.computeIfAbsent(name, n -> WindowedValue.empty());
      if (clock.lastClosedEnd() != null) {
        value.settleUntil(clock.lastClosedEnd()); // what link closes evaluated and left in place
      }
      value.add(clock.windowFor(eventTime, windows), delta);
      state.values().removeIf(WindowedValue::isEmpty);
      if (state.isEmpty()) {
        values.delete(stateKey);
      } else {
        values.put(stateKey, save(state));
      }
    }
    Instant before = clock.streamTime();
    long now = context().currentSystemTimeMs();
    // A window that stream time has just passed is closed a little later (CLOSE_DELAY), not now.
    for (Instant end : clock.advance(eventTime, windows)) {
      closableSince.putIfAbsent(end, now);
    }
    if (before == null || !before.equals(clock.streamTime())) {
      clocks.put(CLOCK_KEY, save(clock)); // a cached store: written through at commit, not per record
    }
  }

  /**
   * Closes, oldest first, the windows that stream time passed at least {@link AlertsTopology#CLOSE_DELAY} ago.
   *
   * <p>Why not at once: this partition's deltas come from every counting task, each sending its
   * sums every 100 ms and committing on its own, so a change can reach this partition a few
   * hundred milliseconds after a later change from another task. Closing a window the moment
   * stream time passes it would count such a change as late even though it came first in the
   * input. Held open this long, the window takes it, as the input order says it should.
   */
  private void closeDueWindows(long now) {
    if (clock.streamTime() == null) {
      return;
    }
    if (clock.closingUntil() != null) {
      continueLinkClose();
      return;
    }
    List<Instant> due = new ArrayList<>();
    for (Instant end : clock.advance(clock.streamTime(), settings.windows())) {
      long since = closableSince.computeIfAbsent(end, e -> now);
      if (now - since < AlertsTopology.CLOSE_DELAY.toMillis()) {
        break;
      }
      due.add(end);
    }
    if (due.isEmpty()) {
      return;
    }
    if (mode == Mode.HUBS) {
      for (Instant end : due) {
        closeHubs(end);
        LOG.info("Alerts ({}) task {}: closed the window ending {}", mode, context().taskId(), end);
        closed(end);
      }
      clocks.put(CLOCK_KEY, save(clock));
      return;
    }
    clock.startClosing(due);
    LOG.debug("Alerts ({}) task {}: closing windows ending {} ({} closed before)", mode, context().taskId(), due,
        clock.closedWindows());
    continueLinkClose();
  }

  /**
   * Closes link windows a slice at a time: at most {@link AlertsTopology#CLOSE_SLICE} per
   * punctuation, resuming after the last link done, every due window in one pass. A close visits
   * every watched link (after a bulk load, hundreds of thousands); in one go it held the stream
   * thread, and the counting with it, for seconds.
   *
   * <p>The pass only reads: each link's value at the end of every closing window is its settled
   * value plus its changes in windows before that end ({@link WindowedValue#valueAt}), and the
   * changes stay where they are until the link next changes ({@code process} settles them then).
   * Only a link back to zero with no change after the last closing end is written: deleted.
   * Writing every link back, as the pass once did, cost a store write and a changelog record per
   * link and a commit that flushed them all: on the bench's million-company state that held the
   * stream threads for seconds after the load.
   *
   * <p>Why slices stay exact: from the pass's start its windows take no more changes ({@link
   * AlertClock}), so every link is evaluated on the same changes whenever the pass reaches it; and
   * the last link done is kept in the clock store with the alerts of each slice, so a restart
   * resumes after it and raises nothing twice.
   */
  private void continueLinkClose() {
    long deadline = System.nanoTime() + slice.toNanos();
    List<Instant> closingEnds = clock.closingEnds(settings.windows());
    Instant previousEnd = clock.lastClosedEnd();
    String doneUpTo = clock.closedUpTo();
    Instant lastEnd = closingEnds.get(closingEnds.size() - 1);
    List<String> gone = new ArrayList<>();
    boolean sliceFull = false;
    int done = 0;
    try (var links = values.range(doneUpTo, null)) {
      while (links.hasNext()) {
        // A few hundred links at least, so that a small store closes in one go however slow the start.
        if (++done > minLinksPerSlice && System.nanoTime() > deadline) {
          sliceFull = true;
          break;
        }
        var entry = links.next();
        if (entry.key.equals(doneUpTo)) {
          continue; // the range starts at the last link done
        }
        doneUpTo = entry.key;
        boolean empty = true;
        for (WindowedValue value : load(entry.value).values()) { // a link's state holds the link alone
          empty &= value.isEmptyFrom(lastEnd);
          long before = value.valueAt(previousEnd);
          for (int i = 0; i < closingEnds.size(); i++) {
            Instant end = closingEnds.get(i);
            long after = value.valueAt(end);
            if (raises(i, end)) {
              raiseLink(entry.key, before, after, end);
            }
            before = after;
          }
        }
        if (empty) {
          gone.add(entry.key); // a link back to zero with nothing after: its row would only be read again
        }
      }
    }
    gone.forEach(values::delete); // after the scan: the store is not changed under its own iterator
    if (sliceFull) {
      clock.markClosedUpTo(doneUpTo);
    } else {
      LOG.info("Alerts ({}) task {}: closed windows ending {}", mode, context().taskId(), closingEnds);
      clock.finishClosing(settings.windows());
      closingEnds.forEach(closableSince::remove);
    }
    clocks.put(CLOCK_KEY, save(clock));
  }

  /**
   * Whether the {@code index}-th of the windows closing together raises alerts: not the first
   * window this partition ever closes (nothing before it to compare with), nor one ending before
   * {@code alerts.start}.
   */
  private boolean raises(int index, Instant end) {
    return (clock.hasPreviousWindowEnd() || index > 0) && settings.start().map(s -> !end.isBefore(s)).orElse(true);
  }

  private void closed(Instant end) {
    clock.closed(end);
    closableSince.remove(end);
  }

  private void apply(List<KeyValue<String, AlertState>> updates) {
    for (var update : updates) {
      if (update.value == null) {
        values.delete(update.key);
      } else {
        values.put(update.key, update.value);
      }
    }
  }

  /**
   * Where a watched value is kept: a link under its own key; a region under its ranking's key
   * ({@code scheme:sector}) plus its name, so a hub change reads and writes one small value
   * instead of the whole ranking (that was O(regions) Avro work per change).
   */
  private String stateKey(String recordKey, String name) {
    return mode == Mode.LINKS ? recordKey : recordKey + HUB_SEPARATOR + name;
  }

  /** The ranking a stored key belongs to; a key without the separator is the older one-value-per-ranking layout. */
  private static String rankingOf(String stateKey) {
    int at = stateKey.indexOf(HUB_SEPARATOR);
    return at < 0 ? stateKey : stateKey.substring(0, at);
  }

  /** Closes one window of this partition's rankings: a ranking needs all its regions, so they are gathered first. */
  private void closeHubs(Instant end) {
    boolean raise = raises(0, end);
    List<KeyValue<String, AlertState>> updates = new ArrayList<>();
    Map<String, Map<String, Long>> rankingsBefore = new TreeMap<>();
    Map<String, Map<String, Long>> rankingsAfter = new TreeMap<>();
    try (var all = values.all()) {
      while (all.hasNext()) {
        var entry = all.next();
        Map<String, WindowedValue> state = load(entry.value);
        String ranking = rankingOf(entry.key);
        Map<String, Long> before = rankingsBefore.computeIfAbsent(ranking, g -> new TreeMap<>());
        Map<String, Long> after = rankingsAfter.computeIfAbsent(ranking, g -> new TreeMap<>());
        for (var value : state.entrySet()) {
          before.merge(value.getKey(), value.getValue().settled(), Long::sum);
          after.merge(value.getKey(), value.getValue().settleUntil(end), Long::sum);
        }
        state.values().removeIf(WindowedValue::isEmpty);
        updates.add(KeyValue.pair(entry.key, state.isEmpty() ? null : save(state)));
      }
    }
    if (raise) {
      rankingsBefore.forEach((ranking, before) -> raiseHubs(ranking, before, rankingsAfter.get(ranking), end));
    }
    apply(updates);
  }

  private void raiseLink(String key, long before, long after, Instant end) {
    // Evaluated before the key is split: a close asks this of every link, and few raise anything.
    LinkShift.evaluate(before, after, settings.thresholds()).ifPresent(kind -> {
      String[] parts = key.split(":");
      forward(key, alert(AlertKind.valueOf(kind.name()), parts[0], parts[3], start(end), end, before, after,
          rule(kind), thresholds(kind)).setOrigin(parts[1]).setDestination(parts[2]).build());
    });
  }

  private void raiseHubs(String ranking, Map<String, Long> before, Map<String, Long> after, Instant end) {
    AlertThresholds t = settings.thresholds();
    String[] parts = ranking.split(":");
    String scheme = parts[0];
    String sector = parts[1];
    for (HubRanking.Move move : HubRanking.moves(before, after, t.hubTop())) {
      String text = "HUB_RANK: " + (move.entered() ? "entered" : "left") + " the top " + t.hubTop()
          + " regions by inbound companies";
      forward(scheme + ":" + move.region() + ":" + sector, alert(AlertKind.HUB_RANK, scheme, sector, start(end), end,
          move.inboundBefore(), move.inboundAfter(), text, Map.of("top", (double) t.hubTop()))
          .setRegion(move.region()).setRankBefore(move.rankBefore()).setRankAfter(move.rankAfter()).build());
    }
  }

  private Instant start(Instant end) {
    return end.minus(settings.windows().length());
  }

  private String rule(LinkShift.Kind kind) {
    AlertThresholds t = settings.thresholds();
    return switch (kind) {
      case EMERGED -> "EMERGED: from 0 to at least " + t.emergedMinCompanies() + " companies";
      case LOST -> "LOST: from at least " + t.lostMinCompanies() + " companies to 0";
      case SURGE -> "SURGE: up by at least " + fmt(t.shiftMinPercent()) + "% and " + t.shiftMinCompanies() + " companies";
      case DROP -> "DROP: down by at least " + fmt(t.shiftMinPercent()) + "% and " + t.shiftMinCompanies() + " companies";
    };
  }

  private Map<String, Double> thresholds(LinkShift.Kind kind) {
    AlertThresholds t = settings.thresholds();
    return switch (kind) {
      case EMERGED -> Map.of("min_companies", (double) t.emergedMinCompanies());
      case LOST -> Map.of("min_companies", (double) t.lostMinCompanies());
      case SURGE, DROP -> Map.of("min_percent", t.shiftMinPercent(), "min_companies", (double) t.shiftMinCompanies());
    };
  }

  private static String fmt(double d) {
    return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
  }

  private static LinkShiftAlert.Builder alert(AlertKind kind, String scheme, String sector, Instant start, Instant end,
      long before, long after, String rule, Map<String, Double> thresholds) {
    return LinkShiftAlert.newBuilder().setKind(kind).setScheme(scheme).setSector(sector).setValueBefore(before)
        .setValueAfter(after).setWindowStart(start).setWindowEnd(end).setRule(rule)
        .setThresholds(new HashMap<>(thresholds)).setDetectedAt(end);
  }

  /**
   * Sends an alert stamped with the wall clock, not its window's end (that is in {@code
   * detected_at}): the topic keeps alerts 30 days by record timestamp, so an alert of a window
   * older than that (a backfill, a replay of last year) stamped with its event time would be born
   * expired and deleted by the broker's next retention check, unseen by its subscribers.
   */
  private void forward(String key, LinkShiftAlert alert) {
    context().forward(new Record<>(key, alert, context().currentSystemTimeMs()));
  }

  static AlertClock load(AlertClockState s) {
    return s == null ? AlertClock.fresh()
        : new AlertClock(s.getStreamTime(), s.getEarliest(), s.getLastClosedEnd(), s.getClosedWindows(),
            s.getClosingUntil(), s.getClosedUpTo());
  }

  static AlertClockState save(AlertClock c) {
    return AlertClockState.newBuilder().setStreamTime(c.streamTime()).setEarliest(c.earliest())
        .setLastClosedEnd(c.lastClosedEnd()).setClosedWindows(c.closedWindows()).setClosingUntil(c.closingUntil())
        .setClosedUpTo(c.closedUpTo()).build();
  }

  static Map<String, WindowedValue> load(AlertState s) {
    Map<String, WindowedValue> state = new LinkedHashMap<>();
    if (s != null) {
      s.getValues().forEach((name, v) -> {
        Map<Long, Long> pending = new TreeMap<>();
        v.getPending().forEach(p -> pending.put(p.getWindowStart().toEpochMilli(), p.getDelta()));
        state.put(name, new WindowedValue(v.getSettled(), pending));
      });
    }
    return state;
  }

  static AlertState save(Map<String, WindowedValue> state) {
    Map<String, WindowedValueState> out = new TreeMap<>();
    state.forEach((name, v) -> {
      List<PendingChange> pending = new ArrayList<>();
      v.pending().forEach((start, delta) ->
          pending.add(PendingChange.newBuilder().setWindowStart(Instant.ofEpochMilli(start)).setDelta(delta).build()));
      out.put(name, WindowedValueState.newBuilder().setSettled(v.settled()).setPending(pending).build());
    });
    return AlertState.newBuilder().setValues(new HashMap<>(out)).build();
  }
}
