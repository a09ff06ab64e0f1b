package io.regiolink.app;

import java.util.Map;
import org.apache.kafka.streams.state.RocksDBConfigSetter;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.Options;

/**
 * Points every RocksDB store at the instance's one shared block cache and write buffer manager
 * ({@link RocksDbMemory}, handed over in the Streams configs), following Kafka's bounded-memory
 * guide, so memory stays bounded as partitions and stores multiply. Without a shared budget in the
 * configs (a topology test), each store keeps RocksDB's defaults.
 */
public final class BoundedRocksDb implements RocksDBConfigSetter {
  private static final long BLOCK_SIZE = 16 * 1024;
  private static final int MEMTABLES_PER_STORE = 2;

  @Override
  public void setConfig(String storeName, Options options, Map<String, Object> configs) {
    if (!(configs.get(RocksDbMemory.CONFIG_KEY) instanceof RocksDbMemory memory)) {
      return;
    }
    BlockBasedTableConfig table = (BlockBasedTableConfig) options.tableFormatConfig();
    table.setBlockCache(memory.cache());
    table.setCacheIndexAndFilterBlocks(true);
    table.setCacheIndexAndFilterBlocksWithHighPriority(true);
    table.setPinTopLevelIndexAndFilter(true);
    table.setBlockSize(BLOCK_SIZE);
    options.setTableFormatConfig(table);
    options.setWriteBufferManager(memory.writeBufferManager());
    // The manager flushes memtables once their sum reaches its share; each store's own
    // memtables stay small so that many stores fit under it.
    options.setMaxWriteBufferNumber(MEMTABLES_PER_STORE);
    options.setWriteBufferSize(Math.max(1L << 20, memory.writeBufferBytes() / 8));
  }

  @Override
  public void close(String storeName, Options options) {
    // The cache and the write buffer manager are shared: RocksDbMemory closes them with the instance.
  }
}
