package io.regiolink.links;

import io.regiolink.avro.internal.CountDelta;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.ContextualProcessor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.internals.InternalProcessorContext;
import org.apache.kafka.streams.processor.internals.ProcessorNode;
import org.apache.kafka.streams.processor.internals.ProcessorRecordContext;

/**
 * Sums the deltas of one link or region between two commits before they cross the repartition
 * topic. One company change fans out into 10-30 deltas, and during a load the same links and
 * regions recur thousands of times a second, so every hop after this one (the repartition topic,
 * the count stores, their changelogs, the alert stores) sees a small fraction of the records.
 *
 * <p>Exactly-once: the sums wait in {@link PendingDeltas}, which hands them back just before each
 * commit, and they are sent in that commit's transaction (see there why no delta can be lost or
 * counted twice). They wait at most one commit interval, which bounds their added latency.
 *
 * <p>Sending outside {@code process} needs what Kafka Streams' own record cache does when it
 * forwards at a commit: this processor set as the current node, and a record context (as for a
 * punctuation: the wall clock, no source offset). Both setters are on Kafka Streams' internal
 * context, the one the public context is.
 *
 * <p>Alerts: deltas are summed only within one time bucket (the alert window their event time
 * falls in), and each commit sends the sums oldest event time first, so every window still
 * receives exactly its own changes. Sums from different tasks can reach an alert partition a few
 * hundred milliseconds apart; the alert processor holds a window open that long after stream time
 * passes it ({@code AlertsTopology.CLOSE_DELAY}).
 */
final class DeltaCombiner extends ContextualProcessor<String, CountDelta, String, CountDelta> {
  private final String storeName;
  private final UnaryOperator<Instant> bucketOf;
  private PendingDeltas pending;
  private InternalProcessorContext<String, CountDelta> internal;
  private ProcessorNode<?, ?, ?, ?> self;

  /** @param bucketOf the start of the time bucket an event time falls in; deltas of different buckets are never summed */
  DeltaCombiner(String storeName, UnaryOperator<Instant> bucketOf) {
    this.storeName = storeName;
    this.bucketOf = bucketOf;
  }

  @Override
  @SuppressWarnings("unchecked")
  public void init(ProcessorContext<String, CountDelta> context) {
    super.init(context);
    internal = (InternalProcessorContext<String, CountDelta>) context;
    self = internal.currentNode();
    pending = context.getStateStore(storeName);
    pending.beforeCommit(this::send);
  }

  @Override
  public void process(Record<String, CountDelta> record) {
    CountDelta delta = record.value();
    pending.add(new PendingDeltas.Slot(record.key(), bucketOf.apply(delta.getEventTime()).toEpochMilli()), delta);
  }

  /**
   * Sends the sums on. Their timestamp is the wall clock: an event time may lie up to a day ahead,
   * which a broker's {@code log.message.timestamp.after.max.ms} would refuse.
   */
  private void send(List<Map.Entry<PendingDeltas.Slot, CountDelta>> sums) {
    long now = internal.currentSystemTimeMs();
    ProcessorNode<?, ?, ?, ?> previousNode = internal.currentNode();
    ProcessorRecordContext previousContext = internal.recordContext();
    internal.setCurrentNode(self);
    internal.setRecordContext(new ProcessorRecordContext(now, -1L, -1, null, new RecordHeaders()));
    try {
      for (Map.Entry<PendingDeltas.Slot, CountDelta> sum : sums) {
        internal.forward(new Record<>(sum.getKey().key(), sum.getValue(), now));
      }
    } finally {
      internal.setRecordContext(previousContext);
      internal.setCurrentNode(previousNode);
    }
  }
}
