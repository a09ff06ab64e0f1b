package io.regiolink.footprint;

import io.regiolink.sector.SectorGroup;
import java.util.Optional;

/** A link: companies registered in origin trading in destination, in one scheme and sector group. */
public record LinkKey(String scheme, String origin, String destination, SectorGroup sector) {
  /** The topic and store key: {@code scheme:origin:destination:sector}. */
  public String asString() {
    return scheme + ":" + origin + ":" + destination + ":" + sector.name();
  }

  /**
   * The key of the by-destination index: {@code scheme:sector:destination:origin}. Sector before
   * the regions, so that a whole matrix (one scheme, one sector) is one prefix range, as are the
   * links into one region; {@link #asString()} has the sector last, as the topic contract says.
   */
  public String byDestination() {
    return bySector(scheme, sector) + destination + ":" + origin;
  }

  /** The by-destination index's prefix of one scheme and sector: {@code scheme:sector:}. */
  public static String bySector(String scheme, SectorGroup sector) {
    return scheme + ":" + sector.name() + ":";
  }

  /** Reads a {@link #asString()} key back; empty when it is not one. */
  public static Optional<LinkKey> parse(String key) {
    String[] parts = key == null ? new String[0] : key.split(":", -1);
    if (parts.length != 4) {
      return Optional.empty();
    }
    return SectorGroup.parse(parts[3]).map(g -> new LinkKey(parts[0], parts[1], parts[2], g));
  }
}
