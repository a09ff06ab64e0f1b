package io.regiolink.links;

import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.internals.InternalProcessorContext;
import org.apache.kafka.streams.processor.internals.ProcessorNode;
import org.apache.kafka.streams.processor.internals.ProcessorRecordContext;

/**
 * Lets a processor forward records and write logged stores outside its {@code process} call: from
 * {@link BeforeCommit}, just before a commit. That needs what Kafka Streams' own record cache does
 * when it forwards at a commit: the processor set as the current node, and a record context (as
 * for a punctuation: the wall clock, no source offset), which a logged store's changelog write
 * reads too. Both setters are on Kafka Streams' internal context, the one the public context is.
 */
final class CommitForwarder<K, V> {
  private final InternalProcessorContext<K, V> internal;
  private final ProcessorNode<?, ?, ?, ?> self;

  /** To be made in the processor's {@code init}, while the processor is the current node. */
  @SuppressWarnings("unchecked")
  CommitForwarder(ProcessorContext<K, V> context) {
    this.internal = (InternalProcessorContext<K, V>) context;
    this.self = internal.currentNode();
  }

  /** The wall clock of the task. */
  long now() {
    return internal.currentSystemTimeMs();
  }

  /** Runs {@code work} with this processor as the current node and a record context set. */
  void run(Runnable work) {
    ProcessorNode<?, ?, ?, ?> previousNode = internal.currentNode();
    ProcessorRecordContext previousContext = internal.recordContext();
    internal.setCurrentNode(self);
    internal.setRecordContext(new ProcessorRecordContext(now(), -1L, -1, null, new RecordHeaders()));
    try {
      work.run();
    } finally {
      internal.setRecordContext(previousContext);
      internal.setCurrentNode(previousNode);
    }
  }

  /** Forwards a record; only inside {@link #run}. */
  void forward(Record<K, V> record) {
    internal.forward(record);
  }
}
