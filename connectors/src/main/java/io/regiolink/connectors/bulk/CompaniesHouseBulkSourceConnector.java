package io.regiolink.connectors.bulk;

import io.regiolink.connectors.SingleTaskSourceConnector;

/**
 * The Companies House bulk snapshot (BasicCompanyData CSV, plain or zipped, one file or parts)
 * -> companies.profiles.v1 as events of type snapshot. One task reads the files in name order.
 */
public final class CompaniesHouseBulkSourceConnector extends SingleTaskSourceConnector {
  public CompaniesHouseBulkSourceConnector() {
    super(BulkConnectorConfig.DEF, CompaniesHouseBulkSourceTask.class, BulkConnectorConfig::new);
  }
}
