package io.regiolink.connectors.chstream;

import io.regiolink.connectors.SingleTaskSourceConnector;

/**
 * Companies House {@code companies} stream -> companies.profiles.v1. One task: the stream is a
 * single ordered sequence (and a key may hold at most two connections).
 */
public final class CompaniesHouseStreamSourceConnector extends SingleTaskSourceConnector {
  public CompaniesHouseStreamSourceConnector() {
    super(StreamConnectorConfig.DEF, CompaniesHouseStreamSourceTask.class, StreamConnectorConfig::new);
  }
}
