package io.regiolink.testing;

import io.regiolink.avro.CompanyProfileEvent;
import io.regiolink.avro.EventType;
import io.regiolink.avro.TradingSites;
import io.regiolink.app.RegiolinkConfig;
import io.regiolink.geo.Geography;
import io.regiolink.links.ReferenceModel;
import io.regiolink.registry.AvroSerdes;
import io.regiolink.topics.Topics;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;

/**
 * A seeded random register for query tests: companies on a dozen real postcodes across the UK
 * (and one that cannot be placed), some dissolved, each with one to four sites; with the
 * reference model's recount of it. Not the demo's sample: tests own their data.
 */
public final class RandomRegister {
  /** Postcodes across the UK's regions, a London pair, and one (Guernsey) that no region takes. */
  public static final List<String> POSTCODES = List.of("LS1 4AP", "EH1 1AA", "M1 1AE", "WC1H 9JP", "BS1 4DJ",
      "CB2 1TN", "CF10 1EP", "BT1 5GS", "NE1 7RU", "B1 1BB", "EC2A 1NT", "SW1A 1AA", "GY1 1AA");
  /** SIC codes in knowledge-intensive groups and outside them. */
  public static final List<String> SIC = List.of("62012", "64209", "47110", "72110", "99999", "70229", "26110");

  private final List<Map.Entry<String, CompanyProfileEvent>> profiles = new ArrayList<>();
  private final List<Map.Entry<String, TradingSites>> sites = new ArrayList<>();
  private final Map<String, Boolean> counted = new TreeMap<>();
  private final ReferenceModel.Counts expected;
  private final ReferenceModel model;

  /** A register from a fresh seed, printed with the test's name so a failure can be replayed. */
  public static RandomRegister withRandomSeed(String test, int companies) {
    long seed = new Random().nextLong();
    System.out.println(test + " seed " + seed);
    return new RandomRegister(seed, companies);
  }

  public RandomRegister(long seed, int companies) {
    this(seed, companies, null, 0);
  }

  /**
   * A register with a history: each company's events lie in the {@code days} days before
   * {@code now}, and about a third of the companies move their office later on, so that the
   * counts differ from day to day ({@link #expectedAt}).
   */
  public static RandomRegister withHistory(String test, int companies, Instant now, int days) {
    long seed = new Random().nextLong();
    System.out.println(test + " seed " + seed);
    return new RandomRegister(seed, companies, now, days);
  }

  private RandomRegister(long seed, int companies, Instant now, int days) {
    Random random = new Random(seed);
    model = new ReferenceModel(Geography.load(List.of()), Set.of("active"), Instant.now());
    for (int i = 1; i <= companies; i++) {
      String number = String.format("%08d", 1000 + i * 7);
      String status = random.nextInt(10) == 0 ? "dissolved" : "active";
      Instant at = now == null ? Events.T0.plusSeconds(i)
          : now.minus(java.time.Duration.ofMinutes(1 + random.nextInt(days * 24 * 60)));
      List<String> sic = List.of(pick(random, SIC), pick(random, SIC));
      CompanyProfileEvent profile = Events.profile(number, status, pick(random, POSTCODES), sic, i, at,
          EventType.changed);
      String[] siteArgs = new String[2 * (1 + random.nextInt(4))];
      for (int s = 0; s < siteArgs.length; s += 2) {
        siteArgs[s] = "s" + s;
        siteArgs[s + 1] = pick(random, POSTCODES);
      }
      TradingSites list = Events.sites(number, at, siteArgs);
      add(profile, list, status);
      if (now != null && random.nextInt(3) == 0) {
        Instant moved = at.plus(java.time.Duration.ofMinutes(1 + random.nextInt(
            (int) java.time.Duration.between(at, now).toMinutes())));
        add(Events.profile(number, status, pick(random, POSTCODES), sic, companies + i, moved, EventType.changed),
            null, status);
      }
    }
    expected = model.recount();
  }

  private void add(CompanyProfileEvent profile, TradingSites list, String status) {
    String number = profile.getCompanyNumber();
    profiles.add(Map.entry(number, profile));
    model.profile(profile);
    if (list != null) {
      sites.add(Map.entry(number, list));
      model.sites(list);
    }
    counted.put(number, status.equals("active"));
  }

  /** The counts as they stood at an instant, by the reference model's recount of the events up to it. */
  public ReferenceModel.Counts expectedAt(Instant at) {
    return model.recountAt(at);
  }

  /** Produces every profile and site list to the input topics. */
  public void produce(RegiolinkConfig config) throws Exception {
    AvroSerdes serdes = new AvroSerdes(config.requireRegistryUrl());
    Records.produceAll(config, Topics.PROFILES.name(), profiles, serdes.valueSerde(CompanyProfileEvent.class).serializer());
    Records.produceAll(config, Topics.TRADING_SITES.name(), sites, serdes.valueSerde(TradingSites.class).serializer());
  }

  /** Every profile event, keyed by company number, in the order {@link #produce} sends them. */
  public List<Map.Entry<String, CompanyProfileEvent>> profiles() {
    return List.copyOf(profiles);
  }

  /** Every site list, keyed by company number. */
  public List<Map.Entry<String, TradingSites>> sites() {
    return List.copyOf(sites);
  }

  public ReferenceModel.Counts expected() {
    return expected;
  }

  /** Company number -> whether it is counted (status active). */
  public Map<String, Boolean> counted() {
    return counted;
  }

  /** The model's non-zero cells of one scheme and sector: [origin, destination, companies, sites]. */
  public List<List<Object>> cells(String scheme, String sector) {
    return cells(expected, scheme, sector);
  }

  /** The non-zero cells of one scheme and sector of some counts: [origin, destination, companies, sites]. */
  public static List<List<Object>> cells(ReferenceModel.Counts counts, String scheme, String sector) {
    List<List<Object>> cells = new ArrayList<>();
    counts.links().forEach((k, v) -> {
      String[] p = k.split(":");
      if (p[0].equals(scheme) && p[3].equals(sector)) {
        cells.add(List.of(p[1], p[2], v.get(0), v.get(1)));
      }
    });
    return cells;
  }

  /** The same cells from an API matrix answer. */
  public static List<List<Object>> cells(com.fasterxml.jackson.databind.JsonNode matrix) {
    List<List<Object>> cells = new ArrayList<>();
    matrix.get("cells").forEach(c -> cells.add(List.of(c.get("origin").asText(), c.get("destination").asText(),
        c.get("companies").asLong(), c.get("sites").asLong())));
    return cells;
  }

  public static String pick(Random random, List<String> values) {
    return values.get(random.nextInt(values.size()));
  }
}
