package io.regiolink.connectors.sites;

import io.regiolink.connectors.SingleTaskSourceConnector;

/**
 * Trading-site files dropped in a directory (design section 3: CSV of company_number, site_id,
 * postal_code[, label][, as_of], or NDJSON of whole lists) -> companies.trading-sites.v1, one
 * record per company with its full current list. One task: files are taken one at a time, in name order.
 */
public final class TradingSitesSourceConnector extends SingleTaskSourceConnector {
  public TradingSitesSourceConnector() {
    super(SitesConnectorConfig.DEF, TradingSitesSourceTask.class, SitesConnectorConfig::new);
  }
}
