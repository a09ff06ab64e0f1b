package io.regiolink.query;

import io.regiolink.avro.LinkCount;
import io.regiolink.avro.internal.LinkTotals;
import io.regiolink.footprint.LinkKey;
import java.time.Instant;

/** A link as the API shows it; {@code asOf} is null for a link that does not exist (all zeros). */
public record LinkView(String scheme, String origin, String destination, String sector, long companies, long sites,
    Instant asOf) {

  public static LinkView of(LinkCount link) {
    return new LinkView(link.getScheme(), link.getOrigin(), link.getDestination(), link.getSector(),
        link.getCompanies(), link.getSites(), link.getAsOf());
  }

  /** A link of the by-destination index: its key names the link, its value holds the counts. */
  public static LinkView ofIndexed(LinkKey key, LinkTotals totals) {
    return new LinkView(key.scheme(), key.origin(), key.destination(), key.sector().name(), totals.getCompanies(),
        totals.getSites(), totals.getAsOf());
  }

  /** The zero link: what a point query answers, and what a live feed sends when a link is gone. */
  public static LinkView none(LinkKey key) {
    return new LinkView(key.scheme(), key.origin(), key.destination(), key.sector().name(), 0, 0, null);
  }

  public String key() {
    return scheme + ":" + origin + ":" + destination + ":" + sector;
  }
}
