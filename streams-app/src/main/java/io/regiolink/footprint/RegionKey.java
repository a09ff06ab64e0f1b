package io.regiolink.footprint;

import io.regiolink.sector.SectorGroup;

/** A region summary's identity: one region in one scheme and sector group. */
public record RegionKey(String scheme, String region, SectorGroup sector) {
  /** Registered offices that cannot be placed are summarised under this region code. */
  public static final String UNRESOLVED = "UNRESOLVED";

  /** The topic and store key: {@code scheme:region:sector}. */
  public String asString() {
    return scheme + ":" + region + ":" + sector.name();
  }
}
