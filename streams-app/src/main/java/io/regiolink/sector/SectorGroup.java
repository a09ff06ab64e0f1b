package io.regiolink.sector;

import java.util.List;
import java.util.Optional;

/** The sector-group tokens of the design (section 4), as they appear in keys, topics and URLs. */
public enum SectorGroup {
  KIBS,
  HIGH_TECH_KIS,
  FINANCIAL_KIS,
  MARKET_KIS,
  OTHER_KIS,
  HIGH_TECH_MANUFACTURING,
  /** Any of the knowledge-intensive groups above. */
  KI,
  /** None of them. */
  OTHER,
  /** Every counted company. */
  ALL;

  public boolean isKnowledgeIntensiveGroup() {
    return ordinal() <= HIGH_TECH_MANUFACTURING.ordinal();
  }

  /** Once: {@code values()} copies its array on every call, and keys are parsed per record. */
  private static final List<SectorGroup> GROUPS = List.of(values());

  public static Optional<SectorGroup> parse(String token) {
    for (SectorGroup group : GROUPS) {
      if (group.name().equals(token)) {
        return Optional.of(group);
      }
    }
    return Optional.empty();
  }
}
