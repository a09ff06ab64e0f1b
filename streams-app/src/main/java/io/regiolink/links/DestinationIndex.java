package io.regiolink.links;

import io.regiolink.footprint.LinkKey;
import io.regiolink.avro.LinkCount;
import io.regiolink.avro.internal.LinkTotals;
import org.apache.kafka.streams.processor.api.ContextualFixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Mirrors every change of the links store into the by-destination index and passes it on. It sits
 * on the link-count changes (after the record cache), so the index holds exactly the values
 * published on the links topic. It keeps only the counts ({@link LinkTotals}): its key already
 * names the scheme, sector and regions.
 */
final class DestinationIndex extends ContextualFixedKeyProcessor<String, LinkCount, LinkCount> {
  private static final Logger LOG = LoggerFactory.getLogger(DestinationIndex.class);
  private final String storeName;
  private KeyValueStore<String, LinkTotals> index;

  DestinationIndex(String storeName) {
    this.storeName = storeName;
  }

  @Override
  public void init(FixedKeyProcessorContext<String, LinkCount> context) {
    super.init(context);
    index = context.getStateStore(storeName);
  }

  @Override
  public void process(FixedKeyRecord<String, LinkCount> record) {
    LinkKey.parse(record.key()).ifPresentOrElse(key -> {
      if (record.value() == null) {
        index.delete(key.byDestination());
      } else {
        LinkCount link = record.value();
        index.put(key.byDestination(), new LinkTotals(link.getCompanies(), link.getSites(), link.getAsOf()));
      }
    }, () -> LOG.error("Link key '{}' is not scheme:origin:destination:sector; left out of the index", record.key()));
    context().forward(record);
  }
}
