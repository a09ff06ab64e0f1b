package io.regiolink.footprint;

import io.regiolink.sector.SectorGroup;
import java.util.Optional;

/** A region summary's identity: one region in one scheme and sector group. */
public record RegionKey(String scheme, String region, SectorGroup sector) {
  /** Registered offices that cannot be placed are summarised under this region code. */
  public static final String UNRESOLVED = "UNRESOLVED";

  /** The topic and store key: {@code scheme:region:sector}. */
  public String asString() {
    return scheme + ":" + region + ":" + sector.name();
  }

  /** Reads a {@link #asString()} key back; empty when it is not one. */
  public static Optional<RegionKey> parse(String key) {
    String[] parts = key == null ? new String[0] : key.split(":", -1);
    if (parts.length != 3) {
      return Optional.empty();
    }
    return SectorGroup.parse(parts[2]).map(g -> new RegionKey(parts[0], parts[1], g));
  }
}
