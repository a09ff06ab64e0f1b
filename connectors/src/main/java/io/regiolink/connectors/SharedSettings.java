package io.regiolink.connectors;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;

/** The settings every regiolink connector takes: where values are registered and where they go. */
public final class SharedSettings {
  public static final String REGISTRY_URL = "registry.url";
  public static final String TOPIC = "topic";
  public static final String REJECTED_TOPIC = "rejected.topic";

  private SharedSettings() {}

  /** A connector's own settings plus the shared ones, with its output topic's default. */
  public static ConfigDef with(ConfigDef own, String defaultTopic, String topicDoc) {
    return own
        .define(REGISTRY_URL, Type.STRING, ConfigDef.NO_DEFAULT_VALUE, Importance.HIGH,
            "Apicurio Registry base URL, e.g. http://registry:8080 (values are Avro in the Confluent wire format).")
        .define(TOPIC, Type.STRING, defaultTopic, Importance.MEDIUM, topicDoc)
        .define(REJECTED_TOPIC, Type.STRING, "regiolink.rejected.v1", Importance.MEDIUM,
            "Topic of unusable input (RejectedRecord with the line kept and where it came from).");
  }
}
