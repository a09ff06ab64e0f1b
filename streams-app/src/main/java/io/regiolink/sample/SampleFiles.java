package io.regiolink.sample;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.regiolink.avro.CompanyProfileEvent;
import io.regiolink.avro.EventType;
import io.regiolink.avro.Site;
import io.regiolink.avro.TradingSites;
import io.regiolink.formats.CompaniesHouseEvents;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;

/**
 * Writes the synthetic register and its trickle as input files in the documented formats
 * (Companies House stream NDJSON for profiles, sites NDJSON), for {@code regiolink replay},
 * load tests and users who want example input.
 */
public final class SampleFiles {
  private static final ObjectMapper JSON = new ObjectMapper();

  private SampleFiles() {}

  /** What was written. */
  public record Written(Path profiles, Path sites, long profileEvents, long siteLists) {}

  /**
   * @param events how many input records in all: the register first (a profile and a site list
   *     per company), then simulated days of changes until the total is reached
   */
  public static Written write(long seed, int companies, long events, Instant start, Path dir) throws IOException {
    Files.createDirectories(dir);
    Path profiles = dir.resolve("profiles.ndjson");
    Path sites = dir.resolve("sites.ndjson");
    SyntheticRegister register = new SyntheticRegister(seed, companies);
    Trickle trickle = new Trickle(register, seed);
    long profileCount = 0;
    long siteCount = 0;
    try (BufferedWriter p = Files.newBufferedWriter(profiles, StandardCharsets.UTF_8);
        BufferedWriter s = Files.newBufferedWriter(sites, StandardCharsets.UTF_8)) {
      long timepoint = 1;
      for (SampleCompany c : register.companies()) {
        if (profileCount + siteCount >= events) {
          break;
        }
        line(p, profileJson(SyntheticRegister.profile(c, timepoint++, start, EventType.changed, List.of())));
        line(s, sitesJson(SyntheticRegister.sites(c, start)));
        profileCount++;
        siteCount++;
      }
      for (int day = 1; profileCount + siteCount < events; day++) {
        for (Trickle.Event e : trickle.day(day, start.plus(Duration.ofDays(day))).events()) {
          if (profileCount + siteCount >= events) {
            break;
          }
          if (e.profile()) {
            line(p, profileJson((CompanyProfileEvent) e.value()));
            profileCount++;
          } else {
            line(s, sitesJson((TradingSites) e.value()));
            siteCount++;
          }
        }
      }
    }
    return new Written(profiles, sites, profileCount, siteCount);
  }

  static String profileJson(CompanyProfileEvent e) throws IOException {
    ObjectNode root = JSON.createObjectNode();
    root.put("resource_kind", "company-profile");
    root.put("resource_uri", "/company/" + e.getCompanyNumber());
    root.put("resource_id", e.getCompanyNumber());
    ObjectNode data = root.putObject("data");
    data.put("company_number", e.getCompanyNumber());
    data.put("company_name", e.getCompanyName());
    data.put("company_status", e.getCompanyStatus());
    data.put("type", e.getCompanyType());
    ArrayNode sic = data.putArray("sic_codes");
    e.getSicCodes().forEach(sic::add);
    ObjectNode office = data.putObject("registered_office_address");
    office.put("address_line_1", e.getRegisteredOfficeAddress().getAddressLine1());
    office.put("postal_code", e.getRegisteredOfficeAddress().getPostalCode());
    office.put("country", e.getRegisteredOfficeAddress().getCountry());
    ObjectNode event = root.putObject("event");
    event.put("timepoint", e.getEvent().getTimepoint());
    // As the stream sends it: London local time, no zone.
    event.put("published_at", LocalDateTime.ofInstant(e.getEvent().getPublishedAt(), CompaniesHouseEvents.LONDON).toString());
    event.put("type", e.getEvent().getType().name());
    ArrayNode changed = event.putArray("fields_changed");
    e.getEvent().getFieldsChanged().forEach(changed::add);
    return JSON.writeValueAsString(root);
  }

  static String sitesJson(TradingSites list) throws IOException {
    ObjectNode root = JSON.createObjectNode();
    root.put("company_number", list.getCompanyNumber());
    root.put("as_of", list.getAsOf().toString());
    ArrayNode sites = root.putArray("sites");
    for (Site site : list.getSites()) {
      sites.addObject().put("site_id", site.getSiteId()).put("postal_code", site.getPostalCode()).put("label", site.getLabel());
    }
    return JSON.writeValueAsString(root);
  }

  private static void line(BufferedWriter writer, String json) throws IOException {
    writer.write(json);
    writer.newLine();
  }
}
