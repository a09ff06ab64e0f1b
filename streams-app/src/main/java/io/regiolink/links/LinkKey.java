package io.regiolink.links;

import io.regiolink.sector.SectorGroup;

/** A link: companies registered in origin trading in destination, in one scheme and sector group. */
public record LinkKey(String scheme, String origin, String destination, SectorGroup sector) {
  /** The topic and store key: {@code scheme:origin:destination:sector}. */
  public String asString() {
    return scheme + ":" + origin + ":" + destination + ":" + sector.name();
  }
}
