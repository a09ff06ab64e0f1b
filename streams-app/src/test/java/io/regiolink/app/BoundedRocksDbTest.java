package io.regiolink.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.Options;

class BoundedRocksDbTest {

  @Test
  void everyStoreSharesTheBudgetWithItsShareOfWriteBufferInSmallArenaBlocks() {
    try (RocksDbMemory memory = new RocksDbMemory(512L << 20); Options segment = options();
        Options keyValue = options()) {
      BoundedRocksDb setter = new BoundedRocksDb();
      setter.setConfig("link-history.1793080800000", segment, Map.of(RocksDbMemory.CONFIG_KEY, memory));
      setter.setConfig("links", keyValue, Map.of(RocksDbMemory.CONFIG_KEY, memory));
      for (Options store : new Options[] {segment, keyValue}) {
        assertThat(store.writeBufferSize()).isEqualTo(memory.writeBufferBytes() / 8);
        assertThat(store.arenaBlockSize()).isEqualTo(BoundedRocksDb.ARENA_BLOCK)
            .isLessThan(store.writeBufferSize() / 8);
      }
    }
  }

  @Test
  void withoutASharedBudgetAStoreKeepsRocksDbDefaults() {
    try (Options store = options()) {
      new BoundedRocksDb().setConfig("links", store, Map.of());
      assertThat(store.arenaBlockSize()).isZero();
    }
  }

  private static Options options() {
    Options options = new Options();
    options.setTableFormatConfig(new BlockBasedTableConfig());
    return options;
  }
}
