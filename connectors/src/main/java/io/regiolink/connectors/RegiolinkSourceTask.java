package io.regiolink.connectors;

import io.regiolink.connectors.encoding.RecordMaker;
import java.net.URI;
import java.util.function.Function;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.connect.source.SourceTask;

/**
 * What the regiolink tasks share: records made for the configured registry and rejected topic
 * (or, in task tests, without a registry), the connectors' version, and closing them on stop.
 */
public abstract class RegiolinkSourceTask<C extends AbstractConfig> extends SourceTask {
  private final Function<C, RecordMaker> recordMaker;
  private RecordMaker records;

  protected RegiolinkSourceTask(Function<C, RecordMaker> recordMaker) {
    this.recordMaker = recordMaker;
  }

  /** The records of a running task: registry.url and rejected.topic from its settings. */
  protected static <C extends AbstractConfig> Function<C, RecordMaker> fromSettings() {
    return config -> new RecordMaker(URI.create(config.getString(SharedSettings.REGISTRY_URL)),
        config.getString(SharedSettings.REJECTED_TOPIC));
  }

  protected final RecordMaker startRecords(C config) {
    records = recordMaker.apply(config);
    return records;
  }

  protected final RecordMaker records() {
    return records;
  }

  protected final void closeRecords() {
    if (records != null) {
      records.close();
    }
  }

  @Override
  public String version() {
    return Version.get();
  }
}
