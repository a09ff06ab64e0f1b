package io.regiolink.bench;

import io.regiolink.avro.Address;
import io.regiolink.avro.CompanyProfileEvent;
import io.regiolink.avro.EventEnvelope;
import io.regiolink.avro.EventType;
import io.regiolink.avro.Site;
import io.regiolink.avro.TradingSites;
import io.regiolink.csv.CsvTable;
import io.regiolink.geo.Geography;
import io.regiolink.sector.SectorClassifier;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * The benchmark's seeded input: a register of companies, each a profile and a site list, then
 * changes (moves, new site lists, status changes, duplicates and out-of-order events).
 *
 * <p>Site counts are skewed like real firms': about a third have none, most of the rest one or
 * two, and a Pareto tail reaches hundreds. Offices sit on real postcode districts, a quarter of
 * them in the hub districts; sites lean to their office's region. Nothing is kept per company but
 * a few primitives, so the {@code uk} preset (5.5 million companies) streams in constant memory:
 * every event is rebuilt from the seed, the company number and its version.
 */
final class Workload {
  static final Instant START = Instant.parse("2025-01-06T00:00:00Z");
  private static final List<String> HUB_PREFIXES = List.of("EC", "WC", "W1", "SW1", "M1", "M2", "LS1", "LS2", "BS1", "NW1");
  private static final int MAX_SITES = 500;

  private final long seed;
  private final int companies;
  private final long changes;
  private final List<String> districts = new ArrayList<>();
  private final List<String> hubDistricts = new ArrayList<>();
  private final List<String> kiCodes = new ArrayList<>();
  private final List<String> otherCodes = new ArrayList<>();

  /** One input record: a profile or a site list, with the key it is sent under. */
  sealed interface Event permits ProfileEvent, SitesEvent {
    String key();
  }

  record ProfileEvent(String key, CompanyProfileEvent profile) implements Event {}

  record SitesEvent(String key, TradingSites sites) implements Event {}

  Workload(long seed, int companies, long changes) {
    if (companies > 0) {
      number(companies - 1);
    }
    this.seed = seed;
    this.companies = companies;
    this.changes = changes;
    CsvTable.resource(Geography.class, "uk-postcode-district-lad.csv").forEach(row -> {
      String district = row.get("postcode_district");
      districts.add(district);
      if (HUB_PREFIXES.stream().anyMatch(p -> district.startsWith(p) && district.length() <= p.length() + 1)) {
        hubDistricts.add(district);
      }
    });
    CsvTable.resource(SectorClassifier.class, "sic2007-codes.csv").forEach(row -> {
      String code = row.get("sic_code");
      if (!SectorClassifier.PLACEHOLDERS.contains(code)) {
        (row.get("ki_group").isEmpty() ? otherCodes : kiCodes).add(code);
      }
    });
  }

  /** Input records in all: a profile and a site list per company, then the changes. */
  long records() {
    return 2L * companies + changes;
  }

  int companies() {
    return companies;
  }

  /** Every record, in the order they are sent. */
  void forEach(Consumer<Event> sink) {
    int[] versions = new int[companies];
    for (int c = 0; c < companies; c++) {
      sink.accept(profile(c, 0, "active"));
      sink.accept(sites(c, 0));
    }
    SplittableRandom random = new SplittableRandom(seed ^ 0x5DEECE66DL);
    for (long i = 0; i < changes; i++) {
      int c = random.nextInt(companies);
      double kind = random.nextDouble();
      if (kind < 0.05 && versions[c] > 0) {
        // Out of order: an older version arrives after a newer one and must change nothing.
        int older = random.nextInt(versions[c]);
        sink.accept(random.nextBoolean() ? profile(c, older, statusOf(c, older)) : sites(c, older));
      } else if (kind < 0.12) {
        // A duplicate of the current version.
        sink.accept(random.nextBoolean() ? profile(c, versions[c], statusOf(c, versions[c])) : sites(c, versions[c]));
      } else {
        int v = ++versions[c];
        sink.accept(kind < 0.45 ? profile(c, v, statusOf(c, v)) : sites(c, v));
      }
    }
  }

  /**
   * A valid company number for every company: two letters and six digits, the second letter
   * counting millions (BA000000 to BA999999, then BB000000...), so up to 26 million companies.
   * (BN plus the index, as before, made 9 characters from the millionth company on: the app and
   * the reference model both rejected those companies, while Flink, which applies no number rule,
   * counted them.)
   */
  static String number(int company) {
    if (company < 0 || company >= 26_000_000) {
      throw new IllegalArgumentException("The workload numbers at most 26,000,000 companies, not " + (company + 1));
    }
    return String.format("B%c%06d", (char) ('A' + company / 1_000_000), company % 1_000_000);
  }

  /** A company changes status now and then: about one version in eight is dissolved. */
  private String statusOf(int company, int version) {
    return version > 0 && rng(company, version, 3).nextInt(8) == 0 ? "dissolved" : "active";
  }

  private SplittableRandom rng(int company, int version, int stream) {
    return new SplittableRandom(seed * 1_000_003L + company * 131L + version * 7L + stream);
  }

  /** Office district of a version: most versions keep the first one (firms rarely move). */
  private String officeDistrict(int company, int version) {
    SplittableRandom r = rng(company, version > 0 && rng(company, version, 4).nextInt(3) == 0 ? version : 0, 1);
    return r.nextDouble() < 0.25 ? hubDistricts.get(r.nextInt(hubDistricts.size())) : districts.get(r.nextInt(districts.size()));
  }

  ProfileEvent profile(int company, int version, String status) {
    SplittableRandom r = rng(company, 0, 2);
    boolean ki = r.nextDouble() < 0.35;
    List<String> sic = new ArrayList<>();
    sic.add((ki ? kiCodes : otherCodes).get(r.nextInt((ki ? kiCodes : otherCodes).size())));
    if (r.nextDouble() < 0.2) {
      List<String> more = r.nextBoolean() ? kiCodes : otherCodes;
      sic.add(more.get(r.nextInt(more.size())));
    }
    String number = number(company);
    Instant at = START.plusSeconds(version * 3_600L + (company % 3_600));
    return new ProfileEvent(number, CompanyProfileEvent.newBuilder()
        .setCompanyNumber(number)
        .setCompanyName("Bench " + company)
        .setCompanyStatus(status)
        .setCompanyType("ltd")
        .setSicCodes(sic)
        .setRegisteredOfficeAddress(Address.newBuilder().setPostalCode(postcode(officeDistrict(company, version), r))
            .build())
        .setEvent(EventEnvelope.newBuilder().setTimepoint(1L + version * 10_000_000L + company)
            .setPublishedAt(at).setType(EventType.changed).setFieldsChanged(List.of()).setSource("bench").build())
        .build());
  }

  SitesEvent sites(int company, int version) {
    SplittableRandom r = rng(company, version, 5);
    int count = siteCount(r);
    String home = officeDistrict(company, version);
    List<Site> sites = new ArrayList<>(count);
    for (int s = 0; s < count; s++) {
      double where = r.nextDouble();
      String district = s == 0 || where < 0.5 ? home
          : where < 0.8 ? hubDistricts.get(r.nextInt(hubDistricts.size())) : districts.get(r.nextInt(districts.size()));
      sites.add(Site.newBuilder().setSiteId("s" + s).setPostalCode(postcode(district, r)).build());
    }
    String number = number(company);
    return new SitesEvent(number, TradingSites.newBuilder().setCompanyNumber(number).setSites(sites)
        .setAsOf(START.plusSeconds(version * 3_600L + (company % 3_600) + 1)).setSource("bench").build());
  }

  /** 0 sites for about 35%, 1 for 40%, 2 for 12%, then a Pareto tail (alpha 1.2) capped at 500. */
  static int siteCount(SplittableRandom r) {
    double u = r.nextDouble();
    if (u < 0.35) {
      return 0;
    }
    if (u < 0.75) {
      return 1;
    }
    if (u < 0.87) {
      return 2;
    }
    double tail = 3 / Math.pow(1 - r.nextDouble(), 1 / 1.2);
    return (int) Math.min(MAX_SITES, Math.floor(tail));
  }

  private static String postcode(String district, SplittableRandom r) {
    return district + " " + (1 + r.nextInt(9)) + (char) ('A' + r.nextInt(26)) + (char) ('A' + r.nextInt(26));
  }
}
