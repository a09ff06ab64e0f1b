package io.regiolink.connectors;

import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.connector.Task;
import org.apache.kafka.connect.source.SourceConnector;

/**
 * What the three regiolink connectors share: the settings checked when the connector starts (so
 * a bad one fails the connector, not later its task), and one task, because each source is one
 * ordered sequence (the stream, the snapshot files in name order, the site files in name order).
 */
public abstract class SingleTaskSourceConnector extends SourceConnector {
  private final ConfigDef configDef;
  private final Class<? extends Task> taskClass;
  private final Consumer<Map<String, String>> validate;
  private Map<String, String> props;

  protected SingleTaskSourceConnector(ConfigDef configDef, Class<? extends Task> taskClass,
      Consumer<Map<String, String>> validate) {
    this.configDef = configDef;
    this.taskClass = taskClass;
    this.validate = validate;
  }

  @Override
  public void start(Map<String, String> props) {
    validate.accept(props);
    this.props = Map.copyOf(props);
  }

  @Override
  public Class<? extends Task> taskClass() {
    return taskClass;
  }

  @Override
  public List<Map<String, String>> taskConfigs(int maxTasks) {
    return List.of(props);
  }

  @Override
  public void stop() {
    // nothing held: the task does the work
  }

  @Override
  public ConfigDef config() {
    return configDef;
  }

  @Override
  public String version() {
    return Version.get();
  }
}
