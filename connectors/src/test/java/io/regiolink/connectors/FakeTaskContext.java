package io.regiolink.connectors;

import io.regiolink.connectors.encoding.RecordMaker;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.metrics.PluginMetrics;
import org.apache.kafka.connect.source.SourceTaskContext;
import org.apache.kafka.connect.storage.OffsetStorageReader;

/**
 * What a file task sees of Connect in a unit test: the committed offsets (set by the test, as a
 * restarted worker would hand them over) and an encoder that keeps the values instead of sending
 * them to a registry. The real worker, registry and broker are exercised by ConnectWorkerIT.
 */
public final class FakeTaskContext implements SourceTaskContext {
  private final Map<Map<String, ?>, Map<String, Object>> committed = new HashMap<>();
  public final List<SpecificRecord> encoded = new ArrayList<>();

  public void commit(Map<String, ?> partition, Map<String, Object> offset) {
    committed.put(partition, offset);
  }

  /** Records whose values are kept in {@link #encoded}; the bytes are only the value's text. */
  public RecordMaker recordMaker() {
    return new RecordMaker(new RecordMaker.Encoder() {
      @Override
      public byte[] encode(String topic, SpecificRecord value) {
        encoded.add(value);
        return value.toString().getBytes(StandardCharsets.UTF_8);
      }

      @Override
      public void close() {
        // nothing held
      }
    }, "regiolink.rejected.v1");
  }

  @Override
  public Map<String, String> configs() {
    return Map.of();
  }

  @Override
  public OffsetStorageReader offsetStorageReader() {
    return new OffsetStorageReader() {
      @Override
      public <T> Map<String, Object> offset(Map<String, T> partition) {
        return committed.get(partition);
      }

      @Override
      public <T> Map<Map<String, T>, Map<String, Object>> offsets(Collection<Map<String, T>> partitions) {
        Map<Map<String, T>, Map<String, Object>> all = new HashMap<>();
        partitions.forEach(p -> all.put(p, committed.get(p)));
        return all;
      }
    };
  }

  @Override
  public PluginMetrics pluginMetrics() {
    return null;
  }
}
