package io.regiolink.connectors.bulk;

import io.regiolink.connectors.Version;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.connector.Task;
import org.apache.kafka.connect.source.SourceConnector;

/**
 * The Companies House bulk snapshot (BasicCompanyData CSV, plain or zipped, one file or parts)
 * -> companies.profiles.v1 as events of type snapshot. One task reads the files in name order.
 */
public final class CompaniesHouseBulkSourceConnector extends SourceConnector {
  private Map<String, String> props;

  @Override
  public void start(Map<String, String> props) {
    new BulkConnectorConfig(props);
    this.props = Map.copyOf(props);
  }

  @Override
  public Class<? extends Task> taskClass() {
    return CompaniesHouseBulkSourceTask.class;
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
    return BulkConnectorConfig.DEF;
  }

  @Override
  public String version() {
    return Version.get();
  }
}
