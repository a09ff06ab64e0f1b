package io.regiolink.links;

import io.regiolink.avro.RejectedRecord;
import io.regiolink.footprint.Coverage;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.streams.processor.api.ContextualProcessor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Counts regiolink.rejected.v1 by reason code into the coverage store: what the app's input gate
 * rejected and what the connectors rejected before anything reached the app. A record that cannot
 * be read as a RejectedRecord is counted as {@code UNREADABLE}, never dropped unseen.
 */
final class RejectedCounts extends ContextualProcessor<byte[], byte[], Void, Void> {
  static final String UNREADABLE = "UNREADABLE";
  private final String coverageStoreName;
  private final Deserializer<RejectedRecord> values;
  private KeyValueStore<String, Long> coverage;

  RejectedCounts(String coverageStoreName, Deserializer<RejectedRecord> values) {
    this.coverageStoreName = coverageStoreName;
    this.values = values;
  }

  @Override
  public void init(ProcessorContext<Void, Void> context) {
    super.init(context);
    coverage = context.getStateStore(coverageStoreName);
  }

  @Override
  public void process(Record<byte[], byte[]> record) {
    String reason;
    try {
      RejectedRecord rejected = values.deserialize(context().recordMetadata().map(m -> m.topic()).orElse(""),
          record.value());
      reason = rejected == null || rejected.getReasonCode() == null ? UNREADABLE : rejected.getReasonCode();
    } catch (RuntimeException e) {
      reason = UNREADABLE;
    }
    CompanyChanges.addCoverage(coverage, Coverage.rejected(reason));
  }
}
