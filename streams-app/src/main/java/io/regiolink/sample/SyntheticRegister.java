package io.regiolink.sample;

import io.regiolink.avro.Address;
import io.regiolink.avro.CompanyProfileEvent;
import io.regiolink.avro.EventEnvelope;
import io.regiolink.avro.EventType;
import io.regiolink.avro.Site;
import io.regiolink.avro.TradingSites;
import io.regiolink.csv.CsvTable;
import io.regiolink.sector.SectorClassifier;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The bundled sample register: synthetic companies numbered ZZ000001 upwards, on real postcode
 * districts and real SIC codes, with a plausible structure: most firms have one site in their own
 * district, a minority trade from several sites, and multi-site and knowledge-intensive firms lean
 * toward the hubs. Deterministic for a seed, so a restarted demo rebuilds the same register.
 */
public final class SyntheticRegister {
  public static final String LABEL = "SYNTHETIC SAMPLE";
  private static final List<String> WORDS = List.of("Fenland", "Quantum", "Granite", "Northern", "Harbour", "Meridian",
      "Pennine", "Solent", "Cobalt", "Thistle", "Severn", "Beacon", "Lantern", "Orchard", "Summit", "Vale");
  private static final List<String> KINDS = List.of("Analytics", "Consulting", "Software", "Biosystems", "Design",
      "Capital", "Engineering", "Logistics", "Foods", "Studios", "Advisory", "Labs");

  private final Map<String, SampleCompany> companies = new LinkedHashMap<>();
  private final SampleGeography geography;
  private final List<String> kiCodes = new ArrayList<>();
  private final List<String> otherCodes = new ArrayList<>();
  private int nextNumber = 1;

  public SyntheticRegister(long seed, int size) {
    this.geography = new SampleGeography();
    CsvTable.resource(SectorClassifier.class, "sic2007-codes.csv").forEach(row -> {
      String code = row.get("sic_code");
      if (!SectorClassifier.PLACEHOLDERS.contains(code)) {
        (row.get("ki_group").isEmpty() ? otherCodes : kiCodes).add(code);
      }
    });
    Random random = new Random(seed);
    for (int i = 0; i < size; i++) {
      add(newCompany(random));
    }
  }

  public int size() {
    return companies.size();
  }

  SampleCompany newCompany(Random random) {
    String number = String.format("ZZ%06d", nextNumber++);
    boolean knowledgeIntensive = random.nextDouble() < 0.35;
    List<String> sic = new ArrayList<>();
    sic.add(pick(knowledgeIntensive ? kiCodes : otherCodes, random));
    if (random.nextDouble() < 0.2) {
      sic.add(pick(random.nextBoolean() ? kiCodes : otherCodes, random));
    }
    // Knowledge-intensive firms register in the hubs more often than the rest.
    String district = random.nextDouble() < (knowledgeIntensive ? 0.25 : 0.08)
        ? geography.hubDistrict(random) : geography.anyDistrict(random);
    String name = pick(WORDS, random) + " " + pick(KINDS, random) + " Ltd";
    SampleCompany company = new SampleCompany(number, name, knowledgeIntensive, sic, SampleGeography.postcode(district, random));
    double shape = random.nextDouble();
    int sites = shape < 0.72 ? 1 : shape < 0.92 ? 2 + random.nextInt(2) : 4 + random.nextInt(5);
    company.addSite(company.officePostcode);
    for (int s = 1; s < sites; s++) {
      company.addSite(SampleGeography.postcode(otherSite(district, random), random));
    }
    return company;
  }

  String otherSite(String homeDistrict, Random random) {
    double where = random.nextDouble();
    if (where < 0.45) {
      return geography.nearby(homeDistrict, random);
    }
    return where < 0.75 ? geography.hubDistrict(random) : geography.anyDistrict(random);
  }

  void add(SampleCompany company) {
    companies.put(company.number, company);
  }

  List<SampleCompany> companies() {
    return new ArrayList<>(companies.values());
  }

  SampleCompany company(String number) {
    return companies.get(number);
  }

  SampleGeography geography() {
    return geography;
  }

  static <T> T pick(List<T> list, Random random) {
    return list.get(random.nextInt(list.size()));
  }

  static CompanyProfileEvent profile(SampleCompany c, long timepoint, Instant at, EventType type, List<String> changed) {
    return CompanyProfileEvent.newBuilder()
        .setCompanyNumber(c.number)
        .setCompanyName(c.name + " (" + LABEL + ")")
        .setCompanyStatus(c.status)
        .setCompanyType("ltd")
        .setSicCodes(new ArrayList<>(c.sicCodes))
        .setRegisteredOfficeAddress(Address.newBuilder().setPostalCode(c.officePostcode).setCountry("United Kingdom")
            .setAddressLine1("Synthetic address").build())
        .setEvent(EventEnvelope.newBuilder().setTimepoint(timepoint).setPublishedAt(at).setType(type)
            .setFieldsChanged(changed).setSource("sample").build())
        .build();
  }

  static TradingSites sites(SampleCompany c, Instant at) {
    List<Site> sites = new ArrayList<>();
    for (String[] site : c.sites) {
      sites.add(Site.newBuilder().setSiteId(site[0]).setPostalCode(site[1]).setLabel(LABEL).build());
    }
    return TradingSites.newBuilder().setCompanyNumber(c.number).setSites(sites).setAsOf(at).setSource("sample").build();
  }
}
