package io.regiolink.query;

/**
 * Which copy of a partition may answer: only the active one, or also a standby replica that is at
 * most {@code maxLag} records behind (a stale read the operator allowed with query.standby.max.lag).
 */
public record ReadMode(boolean standby, long maxLag) {
  public static final ReadMode ACTIVE = new ReadMode(false, 0);

  public static ReadMode standby(long maxLag) {
    return new ReadMode(true, maxLag);
  }
}
