package io.regiolink.connectors.sites;

import io.regiolink.connectors.Version;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.connector.Task;
import org.apache.kafka.connect.source.SourceConnector;

/**
 * Trading-site files dropped in a directory (design section 3: CSV of company_number, site_id,
 * postal_code[, label][, as_of], or NDJSON of whole lists) -> companies.trading-sites.v1, one
 * record per company with its full current list. One task: files are taken one at a time, in name order.
 */
public final class TradingSitesSourceConnector extends SourceConnector {
  private Map<String, String> props;

  @Override
  public void start(Map<String, String> props) {
    new SitesConnectorConfig(props);
    this.props = Map.copyOf(props);
  }

  @Override
  public Class<? extends Task> taskClass() {
    return TradingSitesSourceTask.class;
  }

  @Override
  public List<Map<String, String>> taskConfigs(int maxTasks) {
    return List.of(props);
  }

  @Override
  public void stop() {
    // nothing held
  }

  @Override
  public ConfigDef config() {
    return SitesConnectorConfig.DEF;
  }

  @Override
  public String version() {
    return Version.get();
  }
}
