package io.regiolink.company;

import java.util.Locale;

/**
 * Company statuses as the Companies House API spells them ({@code active}, {@code dissolved},
 * {@code liquidation}, ...). The bulk CSV writes human labels instead; this maps them,
 * case-insensitively:
 *
 * <table>
 *   <caption>BasicCompanyData CompanyStatus label to API status</caption>
 *   <tr><th>label</th><th>status</th></tr>
 *   <tr><td>Active, Active - Proposal to Strike off</td><td>active</td></tr>
 *   <tr><td>Dissolved</td><td>dissolved</td></tr>
 *   <tr><td>Liquidation, In Liquidation</td><td>liquidation</td></tr>
 *   <tr><td>Receivership Action, Live but Receiver Manager on at least one charge, Receiver Manager / Administrative Receiver</td><td>receivership</td></tr>
 *   <tr><td>In Administration, Administration Order, Administrative Receiver</td><td>administration</td></tr>
 *   <tr><td>Voluntary Arrangement</td><td>voluntary-arrangement</td></tr>
 *   <tr><td>Converted/Closed</td><td>converted-closed</td></tr>
 *   <tr><td>Insolvency Proceedings</td><td>insolvency-proceedings</td></tr>
 *   <tr><td>Open, Closed, Registered, Removed</td><td>open, closed, registered, removed</td></tr>
 * </table>
 *
 * Anything else is kept as given; a status outside {@code counted.statuses} is not counted.
 */
public final class CompanyStatus {
  private CompanyStatus() {}

  public static String fromBulkLabel(String label) {
    if (label == null || label.isBlank()) {
      return label;
    }
    String l = label.trim().toLowerCase(Locale.ROOT);
    if (l.startsWith("active")) {
      return "active";
    }
    if (l.equals("dissolved")) {
      return "dissolved";
    }
    if (l.contains("liquidation")) {
      return "liquidation";
    }
    if (l.contains("receiver manager") || l.contains("receivership")) {
      return "receivership";
    }
    if (l.contains("administration") || l.contains("administrative receiver")) {
      return "administration";
    }
    if (l.contains("voluntary arrangement")) {
      return "voluntary-arrangement";
    }
    if (l.replace(" ", "").equals("converted/closed")) {
      return "converted-closed";
    }
    if (l.contains("insolvency proceedings")) {
      return "insolvency-proceedings";
    }
    if (l.equals("open") || l.equals("closed") || l.equals("registered") || l.equals("removed")) {
      return l;
    }
    return label.trim();
  }
}
