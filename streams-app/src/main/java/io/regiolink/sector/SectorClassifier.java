package io.regiolink.sector;

import io.regiolink.csv.CsvTable;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * SIC 2007 codes to sector groups, by the division (first two digits) of each code and the
 * {@code group} column of the bundled knowledge-intensive division list.
 */
public final class SectorClassifier {
  /** Companies House placeholders ("non-trading company", "dormant company"): they count as no code. */
  public static final Set<String> PLACEHOLDERS = Set.of("74990", "99999");

  private static final Map<String, SectorGroup> GROUP_TOKENS = Map.of(
      "KIBS", SectorGroup.KIBS,
      "high-tech-KIS", SectorGroup.HIGH_TECH_KIS,
      "financial-KIS", SectorGroup.FINANCIAL_KIS,
      "market-KIS", SectorGroup.MARKET_KIS,
      "other-KIS", SectorGroup.OTHER_KIS,
      "HT-manufacturing", SectorGroup.HIGH_TECH_MANUFACTURING);

  private final Map<String, SectorGroup> byDivision;

  public SectorClassifier(Map<String, SectorGroup> byDivision) {
    this.byDivision = Map.copyOf(byDivision);
  }

  /** The bundled division list. */
  public static SectorClassifier load() {
    Map<String, SectorGroup> byDivision = new HashMap<>();
    CsvTable table = CsvTable.resource(SectorClassifier.class, "knowledge-intensive-sic.csv");
    table.forEach(row -> {
      SectorGroup group = GROUP_TOKENS.get(row.get("group"));
      if (group == null) {
        throw new IllegalStateException(table.source() + ":" + row.line() + ": unknown group '" + row.get("group") + "'");
      }
      byDivision.put(row.get("sic_division"), group);
    });
    return new SectorClassifier(byDivision);
  }

  /**
   * The groups of a company with these SIC codes: every group a code falls in, KI when any does,
   * OTHER when none does, and always ALL.
   */
  public Set<SectorGroup> groups(Collection<String> sicCodes) {
    EnumSet<SectorGroup> groups = EnumSet.of(SectorGroup.ALL);
    for (String raw : sicCodes) {
      String code = raw == null ? "" : raw.trim();
      if (code.length() < 2 || PLACEHOLDERS.contains(code)) {
        continue;
      }
      SectorGroup group = byDivision.get(code.substring(0, 2));
      if (group != null) {
        groups.add(group);
      }
    }
    groups.add(groups.stream().anyMatch(SectorGroup::isKnowledgeIntensiveGroup) ? SectorGroup.KI : SectorGroup.OTHER);
    return groups;
  }
}
