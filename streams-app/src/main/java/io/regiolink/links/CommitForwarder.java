package io.regiolink.links;

import java.util.function.Consumer;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.internals.InternalProcessorContext;
import org.apache.kafka.streams.processor.internals.ProcessorNode;
import org.apache.kafka.streams.processor.internals.ProcessorRecordContext;

/**
 * Forwards records from a processor outside its {@code process} call: from {@link BeforeCommit},
 * just before a commit. That needs what Kafka Streams' own record cache does when it forwards at a
 * commit: the processor set as the current node, and a record context (as for a punctuation: the
 * wall clock, no source offset). Both setters are on Kafka Streams' internal context, the one the
 * public context is.
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

  /** Runs {@code sends} with this processor as the current node; it forwards with the given function. */
  void forwardAll(Consumer<Consumer<Record<K, V>>> sends) {
    ProcessorNode<?, ?, ?, ?> previousNode = internal.currentNode();
    ProcessorRecordContext previousContext = internal.recordContext();
    internal.setCurrentNode(self);
    internal.setRecordContext(new ProcessorRecordContext(now(), -1L, -1, null, new RecordHeaders()));
    try {
      sends.accept(internal::forward);
    } finally {
      internal.setRecordContext(previousContext);
      internal.setCurrentNode(previousNode);
    }
  }
}
