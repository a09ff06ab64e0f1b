package io.regiolink.app;

import io.regiolink.config.Setting;
import io.regiolink.config.Settings;

/**
 * How the app's memory budget ({@code memory.total}) is split: two fifths JVM heap (of which an
 * eighth is Kafka Streams' record cache), a quarter RocksDB (one block cache, with the write
 * buffers charged to it, shared by every store), and the rest, 35%, for what neither bounds: the
 * JVM's own memory (metaspace, GC structures, thread stacks, direct buffers) and RocksDB's memory
 * outside its cache (compaction, table readers, the allocator's fragmentation). On the bench's
 * {@code uk} preset, measured with native memory tracking, those took about 250 MB and 400 MB:
 * more than the quarter an earlier half-heap split left them, which put the process 39-76 MB over
 * its 2 GB budget.
 */
public record MemorySettings(long totalBytes) {

  public static final Setting<Long> TOTAL = Setting.bytes("memory.total", "2g", 256L << 20,
      "Memory budget of the app process (k/m/g): two fifths JVM heap (of which an eighth is the Kafka Streams record cache;"
          + " demo and run restart themselves with it unless -Xmx is given), a quarter RocksDB block cache and write"
          + " buffers shared by every store; the rest (35%) is JVM and RocksDB overhead");

  public static MemorySettings from(Settings settings) {
    return new MemorySettings(settings.get(TOTAL));
  }

  public long heapBytes() {
    return totalBytes * 2 / 5;
  }

  public long recordCacheBytes() {
    return heapBytes() / 8;
  }

  public long rocksDbBytes() {
    return totalBytes / 4;
  }
}
