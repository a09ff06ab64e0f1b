package io.regiolink.app;

import org.rocksdb.Cache;
import org.rocksdb.LRUCache;
import org.rocksdb.RocksDB;
import org.rocksdb.WriteBufferManager;

/**
 * One RocksDB block cache and one write buffer manager for every store of this instance, as the
 * Kafka Streams memory-management guide describes: the memtables are charged to the cache, so
 * the whole of RocksDB's memory stays within one bound however many stores and partitions it
 * holds. Owned by the instance and closed after Kafka Streams, not kept in a static field.
 */
public final class RocksDbMemory implements AutoCloseable {
  /** Where {@link BoundedRocksDb} finds this instance among the Streams configs. */
  public static final String CONFIG_KEY = "regiolink.rocksdb.memory";
  /** A fifth of the cache may be memtables (the guide's example uses a similar share). */
  private static final double WRITE_BUFFER_SHARE = 0.2;
  /** Index and filter blocks go to the high-priority pool, so data blocks cannot evict them. */
  private static final double HIGH_PRIORITY_SHARE = 0.1;

  static {
    RocksDB.loadLibrary();
  }

  private final long totalBytes;
  private final Cache cache;
  private final WriteBufferManager writeBufferManager;

  public RocksDbMemory(long totalBytes) {
    this.totalBytes = totalBytes;
    this.cache = new LRUCache(totalBytes, -1, false, HIGH_PRIORITY_SHARE);
    this.writeBufferManager = new WriteBufferManager((long) (totalBytes * WRITE_BUFFER_SHARE), cache);
  }

  public long totalBytes() {
    return totalBytes;
  }

  long writeBufferBytes() {
    return (long) (totalBytes * WRITE_BUFFER_SHARE);
  }

  Cache cache() {
    return cache;
  }

  WriteBufferManager writeBufferManager() {
    return writeBufferManager;
  }

  @Override
  public void close() {
    writeBufferManager.close();
    cache.close();
  }
}
