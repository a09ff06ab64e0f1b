package io.regiolink.footprint;

import static org.assertj.core.api.Assertions.assertThat;

import io.regiolink.sector.SectorGroup;
import org.junit.jupiter.api.Test;

class LinkKeyTest {
  @Test
  void bothKeysReadBackToTheSameLink() {
    for (SectorGroup sector : SectorGroup.values()) {
      LinkKey key = new LinkKey("custom-é", "E09000033", "E08000035", sector);
      assertThat(LinkKey.parse(key.asString())).contains(key);
      assertThat(LinkKey.ofIndexKey(key.scheme(), sector, key.byDestination())).contains(key);
    }
  }

  @Test
  void theIndexKeyHasTheSectorSecondAndTheDestinationBeforeTheOrigin() {
    LinkKey key = new LinkKey("lad", "E09000033", "E08000035", SectorGroup.KIBS);
    assertThat(key.byDestination()).isEqualTo("lad:KIBS:E08000035:E09000033");
    // Read as the other kind of key, an index key names no sector there: not a link.
    assertThat(LinkKey.parse(key.byDestination())).isEmpty();
  }

  @Test
  void whatIsNoIndexKeyOfTheSchemeAndSectorReadsAsNone() {
    assertThat(LinkKey.ofIndexKey("lad", SectorGroup.KIBS, "lad:KIBS:E08000035")).isEmpty();
    assertThat(LinkKey.ofIndexKey("lad", SectorGroup.KIBS, "lad:KIBS:E08000035:")).isEmpty();
    assertThat(LinkKey.ofIndexKey("lad", SectorGroup.KIBS, "lad:KIBS::E09000033")).isEmpty();
    assertThat(LinkKey.ofIndexKey("lad", SectorGroup.KIBS, "lad:KIBS:E08000035:E09000033:x")).isEmpty();
    assertThat(LinkKey.ofIndexKey("lad", SectorGroup.KIBS, "lad:ALL:E08000035:E09000033")).isEmpty();
    assertThat(LinkKey.ofIndexKey("itl1", SectorGroup.KIBS, "lad:KIBS:E08000035:E09000033")).isEmpty();
  }

  @Test
  void aRegionKeyReadsBackAndALinkKeyIsNoRegionKey() {
    for (SectorGroup sector : SectorGroup.values()) {
      RegionKey key = new RegionKey("custom-é", "E09000033", sector);
      assertThat(RegionKey.parse(key.asString())).contains(key);
    }
    assertThat(RegionKey.parse("lad:E09000033:E08000035:KIBS")).isEmpty();
    assertThat(RegionKey.parse("lad:E09000033:NOT_A_SECTOR")).isEmpty();
    assertThat(RegionKey.parse("lad:E09000033")).isEmpty();
    assertThat(RegionKey.parse(null)).isEmpty();
  }
}
