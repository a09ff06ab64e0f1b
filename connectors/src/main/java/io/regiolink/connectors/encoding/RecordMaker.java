package io.regiolink.connectors.encoding;

import java.net.URI;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.source.SourceRecord;

/**
 * Source records as every regiolink connector writes them: a string key (the normalised company
 * number, or the raw key text of a rejected line) and the value already encoded for the topic,
 * handed to Connect as bytes (ByteArrayConverter), plus the rejected-line records for
 * regiolink.rejected.v1.
 */
public final class RecordMaker implements AutoCloseable {
  private final ValueEncoder encoder;
  private final String rejectedTopic;

  public RecordMaker(URI registryUrl, String rejectedTopic) {
    this.encoder = new ValueEncoder(registryUrl);
    this.rejectedTopic = rejectedTopic;
  }

  public SourceRecord value(Map<String, ?> sourcePartition, Map<String, ?> sourceOffset, String topic, String key,
      SpecificRecord value, long timestampMillis) {
    return new SourceRecord(sourcePartition, sourceOffset, topic, null, Schema.STRING_SCHEMA, key,
        Schema.BYTES_SCHEMA, encoder.encode(topic, value), timestampMillis);
  }

  /** An unusable input line, kept whole with where it came from and why it was refused. */
  public SourceRecord rejected(Map<String, ?> sourcePartition, Map<String, ?> sourceOffset, String origin,
      String code, String reason, String key, String line) {
    return new SourceRecord(sourcePartition, sourceOffset, rejectedTopic, null, Schema.STRING_SCHEMA,
        key == null ? "" : key, Schema.BYTES_SCHEMA,
        encoder.encode(rejectedTopic, ValueEncoder.rejected(origin, code, reason, key, line)));
  }

  @Override
  public void close() {
    encoder.close();
  }
}
