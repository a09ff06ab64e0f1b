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
  /**
   * A memtable takes memory in arena blocks, by default an eighth of its write buffer (1.6 MB at
   * the default memory.total), and the shared write buffer manager counts a block as soon as a
   * store is written to. With the history, 52 stores of the demo's instance take writes between
   * two flushes (36 key-value stores, and the current segment of each of the 16 history stores and
   * partitions), whose first blocks alone, 83 MB, came close to the manager's 89 MB at which it
   * flushes, so that it most likely flushed whichever memtable was written next, in every store
   * (the effect was seen, the manager's usage was not).
   * On the demo with a fast trickle, the links store of one partition had reached SST file number
   * 2,505 (files of about 1 KB) within 6 minutes, puts in every store waited in RocksDB, and the
   * counting fell behind and was fenced. Small blocks leave the budget to the data.
   */
  static final long ARENA_BLOCK = 256 << 10;

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
    options.setArenaBlockSize(ARENA_BLOCK);
  }

  @Override
  public void close(String storeName, Options options) {
    // The cache and the write buffer manager are shared: RocksDbMemory closes them with the instance.
  }
}
