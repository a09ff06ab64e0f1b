package io.regiolink.testing;

import io.regiolink.avro.Address;
import io.regiolink.avro.CompanyProfileEvent;
import io.regiolink.avro.EventEnvelope;
import io.regiolink.avro.EventType;
import io.regiolink.avro.Site;
import io.regiolink.avro.TradingSites;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Builders of input records for tests. */
public final class Events {
  public static final Instant T0 = Instant.parse("2025-06-02T09:00:00Z");

  private Events() {}

  public static CompanyProfileEvent profile(String number, String status, String postcode, List<String> sic,
      long timepoint, Instant publishedAt, EventType type) {
    return CompanyProfileEvent.newBuilder()
        .setCompanyNumber(number)
        .setCompanyName("Company " + number)
        .setCompanyStatus(status)
        .setSicCodes(new ArrayList<>(sic))
        .setRegisteredOfficeAddress(postcode == null ? null : Address.newBuilder().setPostalCode(postcode).build())
        .setEvent(EventEnvelope.newBuilder().setTimepoint(timepoint).setPublishedAt(publishedAt).setType(type)
            .setSource("test").build())
        .build();
  }

  public static CompanyProfileEvent active(String number, String postcode, long timepoint, String... sic) {
    return profile(number, "active", postcode, List.of(sic), timepoint, T0.plusSeconds(timepoint), EventType.changed);
  }

  public static TradingSites sites(String number, Instant asOf, String... idAndPostcode) {
    List<Site> sites = new ArrayList<>();
    for (int i = 0; i + 1 < idAndPostcode.length; i += 2) {
      sites.add(Site.newBuilder().setSiteId(idAndPostcode[i]).setPostalCode(idAndPostcode[i + 1]).build());
    }
    return TradingSites.newBuilder().setCompanyNumber(number).setSites(sites).setAsOf(asOf).setSource("test").build();
  }
}
