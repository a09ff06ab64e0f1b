package io.regiolink.app;

import java.util.Map;
import org.apache.kafka.streams.state.RocksDBConfigSetter;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.Cache;
import org.rocksdb.LRUCache;
import org.rocksdb.Options;

/**
 * Caps RocksDB memory per store instance (block cache, write buffers), so that memory stays
 * bounded as partitions and stores multiply; the defaults let each store grow by tens of MiB.
 */
public final class BoundedRocksDb implements RocksDBConfigSetter {
  private static final long BLOCK_CACHE_BYTES = 8L * 1024 * 1024;
  private static final long WRITE_BUFFER_BYTES = 8L * 1024 * 1024;

  private Cache cache;

  @Override
  public void setConfig(String storeName, Options options, Map<String, Object> configs) {
    cache = new LRUCache(BLOCK_CACHE_BYTES);
    BlockBasedTableConfig table = (BlockBasedTableConfig) options.tableFormatConfig();
    table.setBlockCache(cache);
    table.setCacheIndexAndFilterBlocks(true);
    options.setTableFormatConfig(table);
    options.setWriteBufferSize(WRITE_BUFFER_BYTES);
    options.setMaxWriteBufferNumber(2);
  }

  @Override
  public void close(String storeName, Options options) {
    if (cache != null) {
      cache.close();
    }
  }
}
