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

  /** A register from a fresh seed, printed with the test's name so a failure can be replayed. */
  public static RandomRegister withRandomSeed(String test, int companies) {
    long seed = new Random().nextLong();
    System.out.println(test + " seed " + seed);
    return new RandomRegister(seed, companies);
  }

  public RandomRegister(long seed, int companies) {
    Random random = new Random(seed);
    ReferenceModel model = new ReferenceModel(Geography.load(List.of()), Set.of("active"), Instant.now());
    for (int i = 1; i <= companies; i++) {
      String number = String.format("%08d", 1000 + i * 7);
      String status = random.nextInt(10) == 0 ? "dissolved" : "active";
      CompanyProfileEvent profile = Events.profile(number, status, pick(random, POSTCODES),
          List.of(pick(random, SIC), pick(random, SIC)), i, Events.T0.plusSeconds(i), EventType.changed);
      String[] siteArgs = new String[2 * (1 + random.nextInt(4))];
      for (int s = 0; s < siteArgs.length; s += 2) {
        siteArgs[s] = "s" + s;
        siteArgs[s + 1] = pick(random, POSTCODES);
      }
      TradingSites list = Events.sites(number, Events.T0.plusSeconds(i), siteArgs);
      profiles.add(Map.entry(number, profile));
      sites.add(Map.entry(number, list));
      model.profile(profile);
      model.sites(list);
      counted.put(number, status.equals("active"));
    }
    expected = model.recount();
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
    List<List<Object>> cells = new ArrayList<>();
    expected.links().forEach((k, v) -> {
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
