package io.regiolink.alerts;

import io.regiolink.avro.AlertKind;
import io.regiolink.avro.LinkShiftAlert;
import io.regiolink.avro.internal.AlertClockState;
import io.regiolink.avro.internal.AlertState;
import io.regiolink.avro.internal.CountDelta;
import io.regiolink.avro.internal.PendingChange;
import io.regiolink.avro.internal.WindowedValueState;
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


  private final Mode mode;
  private final String valuesStoreName;
  private final String clockStoreName;
  private final AlertSettings settings;
  private KeyValueStore<String, AlertState> values;
  private KeyValueStore<String, AlertClockState> clocks;
  private AlertClock clock;
  private Sensor late;
  /** Wall-clock time at which each closable window was first seen closable; rebuilt after a restart. */
  private final Map<Instant, Long> closableSince = new TreeMap<>();

  AlertProcessor(Mode mode, String valuesStoreName, String clockStoreName, AlertSettings settings) {
    this.mode = mode;
    this.valuesStoreName = valuesStoreName;
    this.clockStoreName = clockStoreName;
    this.settings = settings;
  }

  @Override
  public void init(ProcessorContext<String, LinkShiftAlert> context) {
    super.init(context);
    values = context.getStateStore(valuesStoreName);
    clocks = context.getStateStore(clockStoreName);
    clock = load(clocks.get(CLOCK_KEY));
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
      state.computeIfAbsent(name, n -> WindowedValue.empty()).add(clock.windowFor(eventTime, windows), delta);
      values.put(stateKey, save(state));
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
    boolean closedAny = false;
    for (Instant end : clock.advance(clock.streamTime(), settings.windows())) {
      long since = closableSince.computeIfAbsent(end, e -> now);
      if (now - since < AlertsTopology.CLOSE_DELAY.toMillis()) {
        break;
      }
      close(end, clock);
      clock.closed(end);
      closableSince.remove(end);
      closedAny = true;
    }
    if (closedAny) {
      clocks.put(CLOCK_KEY, save(clock));
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

  private void close(Instant end, AlertClock clock) {
    Instant start = end.minus(settings.windows().length());
    boolean raise = clock.hasPreviousWindowEnd() && settings.start().map(s -> !end.isBefore(s)).orElse(true);
    List<KeyValue<String, AlertState>> updates = new ArrayList<>();
    // A ranking needs all its regions: their values are gathered across keys and raised after the scan.
    Map<String, Map<String, Long>> rankingsBefore = new TreeMap<>();
    Map<String, Map<String, Long>> rankingsAfter = new TreeMap<>();
    // Changes are applied after the scan: the store is not modified under its own iterator.
    try (var all = values.all()) {
      while (all.hasNext()) {
        var entry = all.next();
        Map<String, WindowedValue> state = load(entry.value);
        String group = mode == Mode.LINKS ? entry.key : rankingOf(entry.key);
        Map<String, Long> before = mode == Mode.LINKS ? new TreeMap<>()
            : rankingsBefore.computeIfAbsent(group, g -> new TreeMap<>());
        Map<String, Long> after = mode == Mode.LINKS ? new TreeMap<>()
            : rankingsAfter.computeIfAbsent(group, g -> new TreeMap<>());
        for (var value : state.entrySet()) {
          before.merge(value.getKey(), value.getValue().settled(), Long::sum);
          after.merge(value.getKey(), value.getValue().settleUntil(end), Long::sum);
        }
        if (raise && mode == Mode.LINKS) {
          raise(entry.key, before, after, start, end);
        }
        state.values().removeIf(WindowedValue::isEmpty);
        updates.add(KeyValue.pair(entry.key, state.isEmpty() ? null : save(state)));
      }
    }
    if (raise && mode == Mode.HUBS) {
      rankingsBefore.forEach((ranking, before) -> raise(ranking, before, rankingsAfter.get(ranking), start, end));
    }
    for (var update : updates) {
      if (update.value == null) {
        values.delete(update.key);
      } else {
        values.put(update.key, update.value);
      }
    }
  }

  private void raise(String key, Map<String, Long> before, Map<String, Long> after, Instant start, Instant end) {
    AlertThresholds t = settings.thresholds();
    String[] parts = key.split(":");
    if (mode == Mode.LINKS) {
      long b = before.getOrDefault(key, 0L);
      long a = after.getOrDefault(key, 0L);
      LinkShift.evaluate(b, a, t).ifPresent(kind -> forward(key, alert(AlertKind.valueOf(kind.name()), parts[0], parts[3],
          start, end, b, a, rule(kind), thresholds(kind)).setOrigin(parts[1]).setDestination(parts[2]).build(), end));
      return;
    }
    String scheme = parts[0];
    String sector = parts[1];
    for (HubRanking.Move move : HubRanking.moves(before, after, t.hubTop())) {
      String text = "HUB_RANK: " + (move.entered() ? "entered" : "left") + " the top " + t.hubTop()
          + " regions by inbound companies";
      forward(scheme + ":" + move.region() + ":" + sector, alert(AlertKind.HUB_RANK, scheme, sector, start, end,
          move.inboundBefore(), move.inboundAfter(), text, Map.of("top", (double) t.hubTop()))
          .setRegion(move.region()).setRankBefore(move.rankBefore()).setRankAfter(move.rankAfter()).build(), end);
    }
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

  private void forward(String key, LinkShiftAlert alert, Instant end) {
    context().forward(new Record<>(key, alert, end.toEpochMilli()));
  }

  static AlertClock load(AlertClockState s) {
    return s == null ? AlertClock.fresh()
        : new AlertClock(s.getStreamTime(), s.getEarliest(), s.getLastClosedEnd(), s.getClosedWindows());
  }

  static AlertClockState save(AlertClock c) {
    return AlertClockState.newBuilder().setStreamTime(c.streamTime()).setEarliest(c.earliest())
        .setLastClosedEnd(c.lastClosedEnd()).setClosedWindows(c.closedWindows()).build();
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
