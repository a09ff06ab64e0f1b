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
  /** Values to bytes for a topic; {@link ValueEncoder} in every connector, something simpler in task tests. */
  public interface Encoder extends AutoCloseable {
    byte[] encode(String topic, SpecificRecord value);

    @Override
    void close();
  }

  private final Encoder encoder;
  private final String rejectedTopic;

  public RecordMaker(URI registryUrl, String rejectedTopic) {
    this(new ValueEncoder(registryUrl), rejectedTopic);
  }

  public RecordMaker(Encoder encoder, String rejectedTopic) {
    this.encoder = encoder;
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
