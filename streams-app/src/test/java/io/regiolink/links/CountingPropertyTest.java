package io.regiolink.links;

import io.regiolink.footprint.LinkKey;
import static org.assertj.core.api.Assertions.assertThat;

import io.regiolink.alerts.AlertSettings;
import io.regiolink.avro.Address;
import io.regiolink.avro.CompanyProfileEvent;
import io.regiolink.avro.EventEnvelope;
import io.regiolink.avro.EventType;
import io.regiolink.avro.LinkCount;
import io.regiolink.avro.RegionSummary;
import io.regiolink.avro.Site;
import io.regiolink.avro.TradingSites;
import io.regiolink.avro.internal.LinkTotals;
import io.regiolink.footprint.FootprintRules;
import io.regiolink.geo.Geography;
import io.regiolink.sector.SectorClassifier;
import io.regiolink.testing.Cleanup;
import io.regiolink.testing.TopologyHarness;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.RandomDistribution;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Long random sequences of company events (moves, site-list changes, SIC and status changes,
 * deletions, duplicates, out-of-order and future events, key variants, bad records) through the
 * real topology; afterwards the stores and the compacted output topics must equal a batch recount
 * of the latest state by {@link ReferenceModel}, for every scheme and sector group.
 */
class CountingPropertyTest {
  static final Instant NOW = Instant.parse("2025-06-10T00:00:00Z");
  static final Instant T0 = Instant.parse("2025-06-02T09:00:00Z");
  static final Set<String> COUNTED = Set.of("active", "liquidation");

  static Geography geography;
  static FootprintRules rules;

  @BeforeContainer
  static void load() {
    geography = Geography.load(List.of());
    rules = new FootprintRules(geography, SectorClassifier.load(), COUNTED);
  }

  @AfterContainer
  static void release() {
    geography = null;
    rules = null;
  }

  /** One input: what is sent, and under which key. */
  sealed interface Action permits SendProfile, SendSites, Resend, SendGarbage, Flush {}

  record SendProfile(String key, CompanyProfileEvent event) implements Action {}

  record SendSites(String key, TradingSites list) implements Action {}

  /** The n-th earlier action again, byte for byte: a duplicate. */
  record Resend(int index) implements Action {}

  record SendGarbage(String key, boolean onProfiles) implements Action {}

  /** The wall clock passes the alerts' close delay: windows that stream time has passed close. */
  record Flush() implements Action {}

  /**
   * 300 histories of 1 to 150 actions (uniform, so about 75 on average), random ones mixed with jqwik's edge
   * cases; jqwik prints the seed of every run, and a failing one shrinks to a minimal history.
   */
  @Property(tries = 300, edgeCases = EdgeCasesMode.MIXIN)
  void countsEqualABatchRecountOfTheLatestState(@ForAll("histories") List<Action> history) throws IOException {
    Statistics.label("history length").collect(history.size() < 20 ? "1-19" : history.size() < 75 ? "20-74" : "75-150");
    check(history);
  }

  /**
   * Kept from a shrunk counter-example: found when unresolved_sites was deliberately left out of
   * the subtraction, to show the property catches a broken subtractor. A list with unplaceable
   * sites replaced by a newer one must take its unresolved sites away again.
   */
  @Example
  void unresolvedSitesLeaveWithTheListThatHadThem() throws IOException {
    check(List.of(
        new SendProfile("00000001", io.regiolink.testing.Events.active("00000001", "LS1 4AP", 1)),
        new SendSites("00000001", io.regiolink.testing.Events.sites("00000001", T0, "a", "GY1 1AA", "b", "", "c", "LS2 7HY")),
        new SendSites("1", io.regiolink.testing.Events.sites("1", T0.plusSeconds(3), "c", "M1 1AE")),
        new Resend(1)));
  }

  static void check(List<Action> history) throws IOException {
    Path stateDir = Files.createTempDirectory("regiolink-property");
    ReferenceModel model = new ReferenceModel(geography, COUNTED, NOW);
    try (TopologyHarness app = new TopologyHarness(rules, AlertSettings.DEFAULT, stateDir, NOW, false)) {
      List<Action> sent = new ArrayList<>();
      for (Action action : history) {
        Action effective = action instanceof Resend r && !sent.isEmpty() ? sent.get(r.index() % sent.size()) : action;
        if (effective instanceof Resend) {
          continue;
        }
        send(app, model, effective);
        sent.add(effective);
      }
      app.flush();
      ReferenceModel.Counts expected = model.recount();
      assertThat(linkCounts(app.linkStore())).as("links store").isEqualTo(expected.links());
      assertThat(linkCounts(app.compactedLinks())).as("links topic, compacted").isEqualTo(expected.links());
      assertThat(indexCounts(app.linkIndexStore())).as("by-destination index")
          .isEqualTo(byDestination(expected.links()));
      assertThat(regionCounts(app.regionStore())).as("regions store").isEqualTo(expected.regions());
      assertThat(regionCounts(app.compactedRegions())).as("regions topic, compacted").isEqualTo(expected.regions());
      Map<String, Long> coverage = new java.util.TreeMap<>(app.coverageStore());
      long rejected = coverage.entrySet().stream().filter(e -> e.getKey().startsWith("rejected."))
          .mapToLong(Map.Entry::getValue).sum();
      coverage.keySet().removeIf(k -> k.startsWith("rejected."));
      assertThat(coverage).as("coverage store").isEqualTo(model.coverage());
      assertThat(rejected).as("rejections counted in coverage").isEqualTo(app.rejected().size());
    } finally {
      Cleanup.delete(stateDir);
    }
  }

  private static void send(TopologyHarness app, ReferenceModel model, Action action) {
    if (action instanceof SendProfile p) {
      app.profile(p.key(), CompanyProfileEvent.newBuilder(p.event()).build());
      model.profile(CompanyProfileEvent.newBuilder(p.event()).build());
    } else if (action instanceof SendSites s) {
      app.sites(s.key(), TradingSites.newBuilder(s.list()).build());
      model.sites(TradingSites.newBuilder(s.list()).build());
    } else if (action instanceof Flush) {
      app.flush();
    } else if (action instanceof SendGarbage g) {
      if (g.onProfiles()) {
        app.rawProfile(g.key(), new byte[] {0, 0, 0, 0, 1, (byte) 0xff});
      } else {
        app.rawSites(g.key(), new byte[] {42});
      }
    }
  }

  static Map<String, List<Long>> linkCounts(Map<String, LinkCount> links) {
    return measured(links, v -> List.of(v.getCompanies(), v.getSites()));
  }

  static Map<String, List<Long>> indexCounts(Map<String, LinkTotals> index) {
    return measured(index, v -> List.of(v.getCompanies(), v.getSites()));
  }

  /** The reference counts re-keyed as the by-destination index keys them. */
  static Map<String, List<Long>> byDestination(Map<String, List<Long>> links) {
    Map<String, List<Long>> counts = new TreeMap<>();
    links.forEach((k, v) -> counts.put(LinkKey.parse(k).orElseThrow().byDestination(), v));
    return counts;
  }

  static Map<String, List<Long>> regionCounts(Map<String, RegionSummary> regions) {
    return measured(regions,
        v -> List.of(v.getRegistered(), v.getOutbound(), v.getInbound(), v.getSitesIn(), v.getUnresolvedSites()));
  }

  /** Each key's measures, in key order, as the reference model gives them. */
  private static <V> Map<String, List<Long>> measured(Map<String, V> values, Function<V, List<Long>> measures) {
    Map<String, List<Long>> counts = new TreeMap<>();
    values.forEach((k, v) -> counts.put(k, measures.apply(v)));
    return counts;
  }

  // ---- generators -------------------------------------------------------------------------

  /** Six companies, each reachable under several spellings of its number. */
  static final List<List<String>> NUMBERS = List.of(
      List.of("00000001", "1", " 0000 0001"),
      List.of("00000002", "2"),
      List.of("00000003", "003"),
      List.of("SC000004", "sc4", "SC 000004"),
      List.of("NI000005", "ni5"),
      List.of("00000006"));

  /** Leeds, Manchester, Westminster, City of London, Bristol, Cardiff; W1 places in ITL1 only; the rest nowhere. */
  static final List<String> POSTCODES = List.of("LS1 4AP", "LS2 7HY", "M1 1AE", "SW1A 1AA", "EC1A 1BB", "BS1 4DJ",
      "CF10 1AA", "W1 1AA", "GY1 1AA", "", "not a postcode", "CRO 1JB", "LG6 2AU");

  static final List<String> SIC = List.of("62012", "64209", "21100", "74990", "99999", "01110", "70100");

  @Provide
  Arbitrary<List<Action>> histories() {
    return action().list().ofMinSize(1).ofMaxSize(150).withSizeDistribution(RandomDistribution.uniform());
  }

  Arbitrary<Action> action() {
    return Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(8, profile()),
        net.jqwik.api.Tuple.of(6, sites()),
        net.jqwik.api.Tuple.of(2, Arbitraries.integers().between(0, 500).map(Resend::new)),
        net.jqwik.api.Tuple.of(2, Arbitraries.just(new Flush())),
        net.jqwik.api.Tuple.of(1, Combinators.combine(key(Arbitraries.of(NUMBERS)), Arbitraries.of(true, false))
            .as(SendGarbage::new)));
  }

  Arbitrary<String> key(Arbitrary<List<String>> company) {
    return company.flatMap(spellings -> Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(6, Arbitraries.just(spellings.get(0))),
        net.jqwik.api.Tuple.of(2, Arbitraries.of(spellings)),
        net.jqwik.api.Tuple.of(1, Arbitraries.just((String) null))));
  }

  Arbitrary<Action> profile() {
    Arbitrary<List<String>> company = Arbitraries.of(NUMBERS);
    return company.flatMap(spellings -> {
      Arbitrary<String> valueNumber = Arbitraries.frequencyOf(
          net.jqwik.api.Tuple.of(20, Arbitraries.of(spellings)),
          net.jqwik.api.Tuple.of(1, Arbitraries.of("X1", "", "123456789")));
      Arbitrary<String> status = Arbitraries.frequencyOf(
          net.jqwik.api.Tuple.of(8, Arbitraries.just("active")),
          net.jqwik.api.Tuple.of(1, Arbitraries.of("dissolved", "Liquidation", "ACTIVE", "weird-status")));
      Arbitrary<EventType> type = Arbitraries.frequencyOf(
          net.jqwik.api.Tuple.of(10, Arbitraries.just(EventType.changed)),
          net.jqwik.api.Tuple.of(1, Arbitraries.just(EventType.deleted)),
          net.jqwik.api.Tuple.of(1, Arbitraries.just(EventType.snapshot)));
      Arbitrary<Instant> published = Arbitraries.frequencyOf(
          net.jqwik.api.Tuple.of(30, Arbitraries.integers().between(0, 5).map(T0::plusSeconds)),
          net.jqwik.api.Tuple.of(1, Arbitraries.just(NOW.plusSeconds(3 * 24 * 3600))));
      return Combinators.combine(key(Arbitraries.just(spellings)), valueNumber, status,
              Arbitraries.of(POSTCODES).injectNull(0.05), Arbitraries.of(SIC).list().ofMaxSize(3),
              Arbitraries.longs().between(0, 8), published, type)
          .as((key, number, st, postcode, sic, timepoint, at, t) -> new SendProfile(key,
              CompanyProfileEvent.newBuilder().setCompanyNumber(number).setCompanyStatus(st).setSicCodes(sic)
                  .setRegisteredOfficeAddress(postcode == null ? null : Address.newBuilder().setPostalCode(postcode).build())
                  .setEvent(EventEnvelope.newBuilder().setTimepoint(timepoint).setPublishedAt(at).setType(t)
                      .setSource("property").build())
                  .build()));
    });
  }

  Arbitrary<Action> sites() {
    Arbitrary<Site> site = Combinators.combine(Arbitraries.of("a", "b", "c", "d"), Arbitraries.of(POSTCODES))
        .as((id, postcode) -> Site.newBuilder().setSiteId(id).setPostalCode(postcode).build());
    return Arbitraries.of(NUMBERS).flatMap(spellings -> Combinators.combine(
            key(Arbitraries.just(spellings)), Arbitraries.of(spellings), site.list().ofMaxSize(5),
            Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(30, Arbitraries.integers().between(0, 8).map(T0::plusSeconds)),
                net.jqwik.api.Tuple.of(1, Arbitraries.just(NOW.plusSeconds(2 * 24 * 3600)))))
        .as((key, number, list, asOf) -> new SendSites(key,
            TradingSites.newBuilder().setCompanyNumber(number).setSites(list).setAsOf(asOf).setSource("property").build())));
  }
}
