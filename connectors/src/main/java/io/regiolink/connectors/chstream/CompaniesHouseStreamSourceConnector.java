package io.regiolink.connectors.chstream;

import io.regiolink.connectors.Version;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.connector.Task;
import org.apache.kafka.connect.source.SourceConnector;

/**
 * Companies House {@code companies} stream -> companies.profiles.v1. One task: the stream is a
 * single ordered sequence (and a key may hold at most two connections).
 */
public final class CompaniesHouseStreamSourceConnector extends SourceConnector {
  private Map<String, String> props;

  @Override
  public void start(Map<String, String> props) {
    new StreamConnectorConfig(props);
    this.props = Map.copyOf(props);
  }

  @Override
  public Class<? extends Task> taskClass() {
    return CompaniesHouseStreamSourceTask.class;
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
    return StreamConnectorConfig.DEF;
  }

  @Override
  public String version() {
    return Version.get();
  }
}
