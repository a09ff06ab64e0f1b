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

  /**
   * The destination and origin of a {@link #byDestination()} key whose scheme and sector the
   * reader knows (it asked for their prefix); empty when the key has not two regions after it.
   * By position, without splitting or building the prefix: a matrix read calls this once per link.
   */
  public static Optional<LinkKey> ofIndexKey(String scheme, SectorGroup sector, String key) {
    int regionsAt = scheme.length() + sector.name().length() + 2;
    boolean prefixed = key.startsWith(scheme) && key.startsWith(sector.name(), scheme.length() + 1)
        && key.length() > regionsAt && key.charAt(scheme.length()) == ':' && key.charAt(regionsAt - 1) == ':';
    int between = key.lastIndexOf(':');
    if (!prefixed || between <= regionsAt || between == key.length() - 1 || key.indexOf(':', regionsAt) != between) {
      return Optional.empty();
    }
    return Optional.of(new LinkKey(scheme, key.substring(between + 1), key.substring(regionsAt, between), sector));
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
