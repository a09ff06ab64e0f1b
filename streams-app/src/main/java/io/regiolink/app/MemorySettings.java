package io.regiolink.app;

import io.regiolink.config.Setting;
import io.regiolink.config.Settings;

/**
 * How the app's memory budget ({@code memory.total}) is split: half the JVM heap (of which an
 * eighth is Kafka Streams' record cache), a quarter for RocksDB (one block cache, with the write
 * buffers charged to it, shared by every store), and a quarter left for the JVM itself
 * (metaspace, thread stacks, direct buffers) and RocksDB's own overhead.
 */
public record MemorySettings(long totalBytes) {

  public static final Setting<Long> TOTAL = Setting.bytes("memory.total", "2g", 256L << 20,
      "Memory budget of the app process (k/m/g): half JVM heap (of which an eighth is the Kafka Streams record cache;"
          + " demo and run restart themselves with it unless -Xmx is given), a quarter RocksDB block cache and write"
          + " buffers shared by every store; the rest is JVM overhead");

  public static MemorySettings from(Settings settings) {
    return new MemorySettings(settings.get(TOTAL));
  }

  public long heapBytes() {
    return totalBytes / 2;
  }

  public long recordCacheBytes() {
    return heapBytes() / 8;
  }

  public long rocksDbBytes() {
    return totalBytes / 4;
  }
}
