package io.regiolink.bench;

import io.regiolink.avro.CompanyProfileEvent;
import io.regiolink.avro.TradingSites;
import io.regiolink.links.ReferenceModel;
import io.regiolink.registry.AvroSerdes;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.serialization.Serializer;

/**
 * The workload encoded once, as the bytes every pipeline is sent: so no run pays for generating or
 * encoding it, and every run gets exactly the same records. The reference model sees each record
 * as it is encoded.
 */
final class EncodedInput {
  /** Which input topic a record goes to. */
  enum Kind { PROFILE, SITES }

  record Item(Kind kind, byte[] key, byte[] value) {}

  private final List<Item> items;
  private final long bytes;

  private EncodedInput(List<Item> items, long bytes) {
    this.items = items;
    this.bytes = bytes;
  }

  static EncodedInput of(Workload workload, AvroSerdes serdes, String profileTopic, String sitesTopic,
      ReferenceModel model) {
    Serializer<CompanyProfileEvent> profiles = serdes.valueSerde(CompanyProfileEvent.class).serializer();
    Serializer<TradingSites> sites = serdes.valueSerde(TradingSites.class).serializer();
    List<Item> items = new ArrayList<>((int) Math.min(Integer.MAX_VALUE - 8, workload.records()));
    long[] bytes = {0};
    workload.forEach(event -> {
      Item item;
      if (event instanceof Workload.ProfileEvent p) {
        model.profile(p.profile());
        item = new Item(Kind.PROFILE, key(p.key()), profiles.serialize(profileTopic, p.profile()));
      } else {
        Workload.SitesEvent s = (Workload.SitesEvent) event;
        model.sites(s.sites());
        item = new Item(Kind.SITES, key(s.key()), sites.serialize(sitesTopic, s.sites()));
      }
      bytes[0] += item.key().length + item.value().length;
      items.add(item);
    });
    return new EncodedInput(items, bytes[0]);
  }

  private static byte[] key(String key) {
    return key.getBytes(StandardCharsets.UTF_8);
  }

  List<Item> items() {
    return items;
  }

  /** The first {@code n} items (all if fewer). */
  EncodedInput first(int n) {
    List<Item> head = items.subList(0, Math.min(n, items.size()));
    return new EncodedInput(head, head.stream().mapToLong(i -> i.key().length + i.value().length).sum());
  }

  int size() {
    return items.size();
  }

  long bytes() {
    return bytes;
  }
}
