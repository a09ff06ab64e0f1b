package io.regiolink.links;

import io.regiolink.footprint.Contributions;
import io.regiolink.footprint.RegionKey;
import io.regiolink.avro.internal.CompanyState;
import io.regiolink.avro.internal.CompanyUpdate;
import io.regiolink.avro.internal.CountDelta;
import io.regiolink.avro.internal.DeltaTarget;
import io.regiolink.avro.internal.HistoryPart;
import io.regiolink.company.CompanyTimeline;
import io.regiolink.company.CompanyTimeline.Version;
import io.regiolink.footprint.Coverage;
import io.regiolink.footprint.Footprint;
import io.regiolink.footprint.FootprintRules;
import io.regiolink.geo.Geography;
import io.regiolink.history.HistoryRetention;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.streams.processor.api.ContextualProcessor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Keeps each company's timeline ({@link CompanyTimeline}: its latest state and the earlier versions
 * the history needs) and turns every change of it into exactly the changes of its own
 * contributions: the old ones subtracted, the new ones added, each at the point of the timeline
 * where it takes effect, and nothing for an update that changes nothing (a duplicate). An older
 * event arriving late changes only the past: its deltas add up to zero. Its coverage tally moves
 * with today's state, in this task's partition of the coverage store (summed over partitions when
 * queried, so no repartition).
 *
 * <p>The states changed since the last commit are held decoded, with their footprints, and written
 * to the company store just before the commit ({@link BeforeCommit}), as {@link Counts} does with
 * counts. A company's records come close together (a bulk load sends its profile and its sites
 * one after the other), so the second one neither reads and decodes the state the first wrote nor
 * works out its footprint again, and the store and its changelog take one write per company and
 * commit instead of one per record. Company queries therefore read states as of the last commit.
 */
final class CompanyChanges extends ContextualProcessor<String, CompanyUpdate, String, CountDelta> {
  /** A state changed since the last commit, and its footprint. */
  private record Held(CompanyState state, Footprint footprint) {}

  private final String storeName;
  private final String coverageStoreName;
  private final String hookName;
  private final FootprintRules rules;
  private final HistoryRetention history;
  private final Map<String, Held> changed = new HashMap<>();
  private KeyValueStore<String, CompanyState> store;
  private CommitForwarder<String, CountDelta> atCommit;
  private KeyValueStore<String, Long> coverage;
  private Sensor unresolved;
  private Sensor repaired;

  CompanyChanges(String storeName, String coverageStoreName, String hookName, FootprintRules rules,
      HistoryRetention history) {
    this.storeName = storeName;
    this.coverageStoreName = coverageStoreName;
    this.hookName = hookName;
    this.rules = rules;
    this.history = history;
  }

  @Override
  public void init(ProcessorContext<String, CountDelta> context) {
    super.init(context);
    store = context.getStateStore(storeName);
    coverage = context.getStateStore(coverageStoreName);
    atCommit = new CommitForwarder<>(context);
    BeforeCommit hook = context.getStateStore(hookName);
    hook.register(this::writeChanged, changed::clear);
    unresolved = context.metrics().addRateTotalSensor("regiolink", "footprints", "unresolved-postcodes",
        Sensor.RecordingLevel.INFO);
    repaired = context.metrics().addRateTotalSensor("regiolink", "footprints", "repaired-postcodes",
        Sensor.RecordingLevel.INFO);
  }

  @Override
  public void process(Record<String, CompanyUpdate> record) {
    Held held = changed.get(record.key());
    CompanyState before = held != null ? held.state() : store.get(record.key());
    var inserted = CompanyTimeline.insert(before, record.value());
    if (inserted.isEmpty()) {
      return;
    }
    CompanyState after = inserted.get();
    Instant eventTime = eventTime(record.value());
    Instant historyStart = history.start(Instant.ofEpochMilli(context().currentSystemTimeMs()));
    Footprints footprints = new Footprints(record.key());
    Footprint previous = null;
    if (before != null) {
      previous = held != null ? held.footprint() : rules.footprint(before);
      footprints.seed(today(before), previous);
    }
    Version today = today(after);
    Footprint footprint = footprints.of(today);
    boolean todayChanged = before == null || !today(before).sameAs(today);
    if (todayChanged) {
      countUnresolved(footprint);
      addCoverage(coverage, Coverage.of(after, footprint).minus(Coverage.of(before, previous)));
    }
    // The change of the company's contributions at each point of its timeline where it differs:
    // for an event newer than all others, one point (its own time) and exactly today's change; for
    // a late older event or a backfilled company, the points where the past changed, which add up
    // to today's change.
    Contributions previousDifference = Contributions.NONE;
    for (Instant at : CompanyTimeline.changeTimes(before, after, CompanyTimeline.affectedFrom(before, after,
        record.value()))) {
      Version was = CompanyTimeline.at(before, at);
      Version is = CompanyTimeline.at(after, at);
      Contributions difference = was.sameAs(is) ? Contributions.NONE
          : footprints.contributions(is).minus(footprints.contributions(was));
      Contributions change = previousDifference == Contributions.NONE ? difference
          : difference.minus(previousDifference);
      forward(record, change, eventTime, at.isBefore(historyStart) ? null : at);
      previousDifference = difference;
    }
    changed.put(record.key(), new Held(CompanyTimeline.prune(after, historyStart), footprint));
  }

  private static Version today(CompanyState state) {
    return new Version(state.getProfile(), state.getSites());
  }

  /**
   * The footprints of the versions one change compares, each worked out once: a version is the
   * same pair of objects wherever it recurs on the two timelines.
   */
  private final class Footprints {
    private final String number;
    private final List<Version> versions = new ArrayList<>(4);
    private final List<Footprint> footprints = new ArrayList<>(4);

    Footprints(String number) {
      this.number = number;
    }

    void seed(Version version, Footprint footprint) {
      versions.add(version);
      footprints.add(footprint);
    }

    Footprint of(Version version) {
      for (int i = 0; i < versions.size(); i++) {
        if (versions.get(i).sameAs(version)) {
          return footprints.get(i);
        }
      }
      Footprint footprint = rules.footprint(version.asState(number));
      seed(version, footprint);
      return footprint;
    }

    Contributions contributions(Version version) {
      return version.isEmpty() ? Contributions.NONE : rules.contributions(of(version));
    }
  }

  /**
   * One point's change as deltas. The all-args constructor, not the builder: build() deep-copies a
   * default for every field a delta does not set (a link sets no region measures and the reverse),
   * 2% of the stream threads' time in a profile of the bench.
   */
  private void forward(Record<String, CompanyUpdate> record, Contributions change, Instant eventTime,
      Instant historyTime) {
    change.links().forEach((key, tally) -> context().forward(record.withKey(key.asString()).withValue(
        new CountDelta(DeltaTarget.LINK, key.scheme(), key.origin(), key.destination(), key.sector().name(),
            tally.companies(), tally.sites(), 0L, 0L, 0L, 0L, 0L, eventTime, historyTime == null ? List.of()
                : List.of(new HistoryPart(historyTime, tally.companies(), tally.sites(), 0L, 0L, 0L, 0L, 0L))))));
    change.regions().forEach((key, tally) -> context().forward(record.withKey(key.asString()).withValue(
        new CountDelta(DeltaTarget.REGION, key.scheme(), key.region(), "", key.sector().name(), 0L, 0L,
            tally.registered(), tally.outbound(), tally.inbound(), tally.sitesIn(), tally.unresolvedSites(),
            eventTime, historyTime == null ? List.of() : List.of(new HistoryPart(historyTime, 0L, 0L,
                tally.registered(), tally.outbound(), tally.inbound(), tally.sitesIn(), tally.unresolvedSites()))))));
  }

  private void writeChanged() {
    if (changed.isEmpty()) {
      return;
    }
    // Inside run: the store's changelog writes need a record context.
    atCommit.run(() -> changed.forEach((number, held) -> store.put(number, held.state())));
    changed.clear();
  }

  /**
   * Postcodes of an applied change that no local authority could be found for (office and sites),
   * so operators see unplaceable input arrive; the counts keep them in unresolved_sites. Likewise
   * the postcodes placed only after a typo repair.
   */
  private void countUnresolved(Footprint footprint) {
    if (!footprint.counted()) {
      return;
    }
    String scheme = Geography.LAD;
    int count = footprint.unresolvedSites().getOrDefault(scheme, 0)
        + (RegionKey.UNRESOLVED.equals(footprint.registeredRegion().get(scheme)) ? 1 : 0);
    for (int i = 0; i < count; i++) {
      unresolved.record();
    }
    for (int i = 0; i < footprint.repairedPostcodes(); i++) {
      repaired.record();
    }
  }

  static void addCoverage(KeyValueStore<String, Long> store, Coverage change) {
    change.forEach((measure, by) -> {
      Long held = store.get(measure);
      long next = (held == null ? 0 : held) + by;
      if (next == 0) {
        store.delete(measure);
      } else {
        store.put(measure, next);
      }
    });
  }

  private static Instant eventTime(CompanyUpdate update) {
    return update.getProfile() != null ? update.getProfile().getEvent().getPublishedAt() : update.getSites().getAsOf();
  }
}
