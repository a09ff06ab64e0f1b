package io.regiolink.footprint;

/** The two measures of a link. */
public record LinkTally(long companies, long sites) {
  public static final LinkTally ZERO = new LinkTally(0, 0);

  public LinkTally plus(LinkTally other) {
    return new LinkTally(companies + other.companies, sites + other.sites);
  }

  public LinkTally minus(LinkTally other) {
    return new LinkTally(companies - other.companies, sites - other.sites);
  }

  public boolean isZero() {
    return companies == 0 && sites == 0;
  }
}
