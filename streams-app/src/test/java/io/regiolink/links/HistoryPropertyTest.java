package io.regiolink.links;

import static org.assertj.core.api.Assertions.assertThat;

import io.regiolink.alerts.AlertSettings;
import io.regiolink.avro.Address;
import io.regiolink.avro.CompanyProfileEvent;
import io.regiolink.avro.EventEnvelope;
import io.regiolink.avro.EventType;
import io.regiolink.avro.Site;
import io.regiolink.avro.TradingSites;
import io.regiolink.footprint.FootprintRules;
import io.regiolink.geo.Geography;
import io.regiolink.history.HistoryRetention;
import io.regiolink.query.LinkView;
import io.regiolink.query.Ranking;
import io.regiolink.query.RegionView;
import io.regiolink.query.Rewind;
import io.regiolink.sector.SectorClassifier;
import io.regiolink.testing.Cleanup;
import io.regiolink.testing.TopologyHarness;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.RandomDistribution;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * The counts' history against {@link ReferenceModel#recountAt}: random events with event times
 * over seven weeks, arriving in random order (late older events, backfilled companies with a date
 * of creation, duplicates, deletions), through the real topology with a 30-day retention. Then, at
 * every event's time (and a millisecond either side) within the retention, every link and region
 * summary rewound from the exact history must equal the recount of the events up to that instant;
 * at every day within the retention, the whole matrices and region summaries rewound from the
 * daily history must equal the recount at the day's end; and the changes between two days must
 * equal the difference of their two recounts. jqwik prints the seed of every run.
 */
class HistoryPropertyTest {
  static final Instant NOW = Instant.parse("2026-06-10T10:00:00Z");
  static final HistoryRetention RETENTION = new HistoryRetention(Duration.ofDays(30));
  static final List<String> NUMBERS = List.of("00000001", "00000002", "SC000003", "00000004");
  static final List<String> POSTCODES = List.of("LS1 4AP", "M1 1AE", "SW1A 1AA", "EC1A 1BB", "BS1 4DJ", "CF10 1AA",
      "GY1 1AA");
  static final List<String> SIC = List.of("62012", "64209", "21100", "01110", "70100");

  static Geography geography;
  static FootprintRules rules;

  @BeforeContainer
  static void load() {
    geography = Geography.load(List.of());
    rules = new FootprintRules(geography, SectorClassifier.load(), CountingPropertyTest.COUNTED);
  }

  @AfterContainer
  static void release() {
    geography = null;
    rules = null;
  }

  sealed interface Action permits SendProfile, SendSites, Resend {}

  record SendProfile(CompanyProfileEvent event) implements Action {}

  record SendSites(TradingSites list) implements Action {}

  record Resend(int index) implements Action {}

  @Property(tries = 60, edgeCases = EdgeCasesMode.MIXIN)
  void asOfAnswersEqualARecountOfTheEventsUpToThen(@ForAll("histories") List<Action> history) throws IOException {
    Path stateDir = Files.createTempDirectory("regiolink-history");
    ReferenceModel model = new ReferenceModel(geography, CountingPropertyTest.COUNTED, NOW);
    try (TopologyHarness app = new TopologyHarness(rules, AlertSettings.DEFAULT, stateDir, NOW,
        false, RETENTION)) {
      List<Action> sent = new ArrayList<>();
      TreeSet<Instant> times = new TreeSet<>();
      for (Action action : history) {
        Action effective = action instanceof Resend r && !sent.isEmpty() ? sent.get(r.index() % sent.size()) : action;
        if (effective instanceof SendProfile p) {
          app.profile(p.event().getCompanyNumber(), CompanyProfileEvent.newBuilder(p.event()).build());
          model.profile(CompanyProfileEvent.newBuilder(p.event()).build());
          times.add(p.event().getEvent().getPublishedAt());
        } else if (effective instanceof SendSites s) {
          app.sites(s.list().getCompanyNumber(), TradingSites.newBuilder(s.list()).build());
          model.sites(TradingSites.newBuilder(s.list()).build());
          times.add(s.list().getAsOf());
        } else {
          continue;
        }
        sent.add(effective);
      }
      app.flush();
      assertThat(links(todayLinks(app))).as("today's links").isEqualTo(model.recount().links());

      Instant start = RETENTION.start(NOW);
      TreeSet<Instant> instants = new TreeSet<>();
      for (Instant t : times) {
        for (Instant at : List.of(t.minusMillis(1), t, t.plusMillis(1))) {
          if (!at.isBefore(start) && at.isBefore(NOW)) {
            instants.add(at);
          }
        }
      }
      instants.add(start);
      for (Instant at : instants) {
        ReferenceModel.Counts expected = model.recountAt(at);
        assertThat(links(Rewind.links(todayLinks(app), app.historyAfter(LinksTopology.LINK_HISTORY_STORE, at))))
            .as("links at %s", at).isEqualTo(expected.links());
        assertThat(regions(Rewind.regions(todayRegions(app), app.historyAfter(LinksTopology.REGION_HISTORY_STORE, at))))
            .as("region summaries at %s", at).isEqualTo(expected.regions());
      }

      List<LocalDate> days = new ArrayList<>();
      for (LocalDate d = RETENTION.earliestDay(NOW); HistoryRetention.endOf(d).isBefore(NOW); d = d.plusDays(1)) {
        days.add(d);
      }
      Map<LocalDate, List<LinkView>> matrices = new TreeMap<>();
      for (LocalDate day : days) {
        Instant end = HistoryRetention.endOf(day);
        ReferenceModel.Counts expected = model.recountAt(end);
        List<LinkView> matrix = Rewind.links(todayLinks(app), app.historyAfter(LinksTopology.LINK_HISTORY_DAILY_STORE,
            end));
        matrices.put(day, matrix);
        assertThat(links(matrix)).as("every link at the end of %s", day).isEqualTo(expected.links());
        assertThat(regions(Rewind.regions(todayRegions(app), app.historyAfter(
            LinksTopology.REGION_HISTORY_DAILY_STORE, end)))).as("every region at the end of %s", day)
            .isEqualTo(expected.regions());
      }
      // Changes between the first day and each later one: one scheme and sector, as the API reads them.
      LocalDate first = days.get(0);
      for (LocalDate day : days.subList(1, days.size())) {
        assertThat(Ranking.changes(lad(matrices.get(first)), lad(matrices.get(day)), Integer.MAX_VALUE).stream()
            .map(c -> List.<Object>of(c.origin(), c.destination(), c.before().companies(), c.before().sites(),
                c.after().companies(), c.after().sites())).toList())
            .as("changes from %s to %s", first, day)
            .isEqualTo(model.recountAt(HistoryRetention.endOf(day))
                .changesSince(model.recountAt(HistoryRetention.endOf(first)), "lad", "ALL"));
      }
    } finally {
      Cleanup.delete(stateDir);
    }
  }

  private static List<LinkView> todayLinks(TopologyHarness app) {
    return app.linkStore().values().stream().map(LinkView::of).toList();
  }

  private static List<RegionView> todayRegions(TopologyHarness app) {
    return app.regionStore().values().stream().map(RegionView::of).toList();
  }

  private static Map<String, List<Long>> links(List<LinkView> views) {
    Map<String, List<Long>> counts = new TreeMap<>();
    views.forEach(l -> counts.put(l.key(), List.of(l.companies(), l.sites())));
    return counts;
  }

  private static Map<String, List<Long>> regions(List<RegionView> views) {
    Map<String, List<Long>> counts = new TreeMap<>();
    views.forEach(r -> counts.put(r.scheme() + ":" + r.region() + ":" + r.sector(),
        List.of(r.registered(), r.outbound(), r.inbound(), r.sitesIn(), r.unresolvedSites())));
    return counts;
  }

  private static List<LinkView> lad(List<LinkView> links) {
    return links.stream().filter(l -> l.scheme().equals("lad") && l.sector().equals("ALL")).toList();
  }

  // ---- generators -------------------------------------------------------------------------

  @Provide
  Arbitrary<List<Action>> histories() {
    return Arbitraries.frequencyOf(
            Tuple.of(6, profile()),
            Tuple.of(5, sites()),
            Tuple.of(1, Arbitraries.integers().between(0, 200).map(Resend::new)))
        .list().ofMinSize(1).ofMaxSize(60).withSizeDistribution(RandomDistribution.uniform());
  }

  /**
   * An event time in the seven weeks before NOW: on the hour (so that events tie now and then),
   * or at midnight (so that day boundaries are hit).
   */
  static Arbitrary<Instant> eventTime() {
    return Arbitraries.frequencyOf(
        Tuple.of(4, Arbitraries.integers().between(1, 49 * 24).map(h -> NOW.minus(Duration.ofHours(h)))),
        Tuple.of(1, Arbitraries.integers().between(1, 49).map(d -> HistoryRetention.startOf(
            HistoryRetention.day(NOW).minusDays(d)))));
  }

  Arbitrary<Action> profile() {
    Arbitrary<LocalDate> created = Arbitraries.integers().between(1, 60)
        .map(d -> HistoryRetention.day(NOW).minusDays(d)).injectNull(0.3);
    Arbitrary<EventType> type = Arbitraries.frequencyOf(Tuple.of(16, Arbitraries.just(EventType.changed)),
        Tuple.of(1, Arbitraries.just(EventType.deleted)), Tuple.of(3, Arbitraries.just(EventType.snapshot)));
    Arbitrary<String> status = Arbitraries.frequencyOf(Tuple.of(8, Arbitraries.just("active")),
        Tuple.of(1, Arbitraries.just("dissolved")));
    return Combinators.combine(Arbitraries.of(NUMBERS), status, Arbitraries.of(POSTCODES),
            Arbitraries.of(SIC).list().ofMaxSize(2), Arbitraries.longs().between(0, 20), eventTime(), type, created)
        .as((number, st, postcode, sic, timepoint, at, t, since) -> new SendProfile(
            CompanyProfileEvent.newBuilder().setCompanyNumber(number).setCompanyStatus(st).setSicCodes(sic)
                .setDateOfCreation(since)
                .setRegisteredOfficeAddress(Address.newBuilder().setPostalCode(postcode).build())
                .setEvent(EventEnvelope.newBuilder().setTimepoint(timepoint).setPublishedAt(at).setType(t)
                    .setSource("history-property").build())
                .build()));
  }

  Arbitrary<Action> sites() {
    Arbitrary<Site> site = Combinators.combine(Arbitraries.of("a", "b", "c"), Arbitraries.of(POSTCODES))
        .as((id, postcode) -> Site.newBuilder().setSiteId(id).setPostalCode(postcode).build());
    return Combinators.combine(Arbitraries.of(NUMBERS), site.list().ofMaxSize(3), eventTime())
        .as((number, list, asOf) -> new SendSites(TradingSites.newBuilder().setCompanyNumber(number).setSites(list)
            .setAsOf(asOf).setSource("history-property").build()));
  }
}
