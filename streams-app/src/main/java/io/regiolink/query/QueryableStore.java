package io.regiolink.query;

import io.regiolink.links.LinksTopology;
import java.util.Arrays;
import java.util.Optional;

/**
 * The one list of stores queries read: each store's name in the topology and how it is read (a
 * point read of one key, a scan gathered over every partition, or both). The cluster map, health and the internal routes all go by this list.
 */
public enum QueryableStore {
  LINKS(LinksTopology.LINKS_STORE, true, true),
  /** The same links keyed by destination: "which regions' firms trade in X". */
  LINKS_BY_DESTINATION(LinksTopology.LINKS_BY_DESTINATION_STORE, false, true),
  REGIONS(LinksTopology.REGIONS_STORE, true, true),
  COMPANIES(LinksTopology.COMPANY_STORE, true, false),
  COVERAGE(LinksTopology.COVERAGE_STORE, false, true);

  private final String storeName;
  private final boolean pointReads;
  private final boolean scans;

  QueryableStore(String storeName, boolean pointReads, boolean scans) {
    this.storeName = storeName;
    this.pointReads = pointReads;
    this.scans = scans;
  }

  public String storeName() {
    return storeName;
  }

  public boolean pointReads() {
    return pointReads;
  }

  public boolean scans() {
    return scans;
  }

  public static Optional<QueryableStore> named(String storeName) {
    return Arrays.stream(values()).filter(s -> s.storeName.equals(storeName)).findFirst();
  }
}
