package io.regiolink.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.regiolink.avro.LinkCount;
import io.regiolink.avro.RegionSummary;
import io.regiolink.registry.AvroSerdes;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Checks a pipeline's final counts against the reference model's recount, and says exactly what
 * differs when they do not match; the bench fails on any difference.
 */
final class Verify {
  private Verify() {}

  /** A count that was checked: what was compared and how many entries matched. */
  record Checked(String what, int entries) {}

  /** Thrown when a pipeline's counts differ from the recount. */
  static final class CountsDiffer extends IllegalStateException {
    CountsDiffer(String message) {
      super(message);
    }
  }

  static Checked equal(String what, Map<String, List<Long>> expected, Map<String, List<Long>> actual) {
    if (expected.equals(actual)) {
      return new Checked(what, expected.size());
    }
    Set<String> keys = new TreeSet<>(expected.keySet());
    keys.addAll(actual.keySet());
    List<String> differences = new ArrayList<>();
    int count = 0;
    for (String key : keys) {
      List<Long> e = expected.get(key);
      List<Long> a = actual.get(key);
      if (e == null ? a != null : !e.equals(a)) {
        count++;
        if (differences.size() < 8) {
          differences.add(key + ": expected " + e + ", got " + a);
        }
      }
    }
    throw new CountsDiffer(what + " differs from the reference recount in " + count + " of " + keys.size()
        + " entries, e.g.\n  " + String.join("\n  ", differences));
  }

  /** The links topic as compaction keeps it: last value per key, tombstones removing. */
  static Map<String, List<Long>> linksTopic(KafkaIo kafka, AvroSerdes serdes, String topic) {
    return compacted(kafka, topic, serdes.valueSerde(LinkCount.class).deserializer(),
        link -> List.of(link.getCompanies(), link.getSites()));
  }

  static Map<String, List<Long>> regionsTopic(KafkaIo kafka, AvroSerdes serdes, String topic) {
    return compacted(kafka, topic, serdes.valueSerde(RegionSummary.class).deserializer(),
        r -> List.of(r.getRegistered(), r.getOutbound(), r.getInbound(), r.getSitesIn(), r.getUnresolvedSites()));
  }

  /** A topic as compaction keeps it (last value per key, tombstones removing), each value as its counts. */
  static <V> Map<String, List<Long>> compacted(KafkaIo kafka, String topic, Deserializer<V> values,
      Function<V, List<Long>> counts) {
    Map<String, List<Long>> latest = new TreeMap<>();
    kafka.readToEnd(topic, (key, value) -> {
      String k = new String(key, StandardCharsets.UTF_8);
      if (value == null) {
        latest.remove(k);
      } else {
        latest.put(k, counts.apply(values.deserialize(topic, value)));
      }
    });
    return latest;
  }

  /** The stores, through the public API: every scheme and sector's matrix, as link keys. */
  static Map<String, List<Long>> linksFromApi(Http http, Set<String> schemes, Set<String> sectors) {
    Map<String, List<Long>> links = new TreeMap<>();
    for (String scheme : schemes) {
      for (String sector : sectors) {
        JsonNode matrix = http.getJson("/api/v1/matrix/" + scheme + "?sector=" + sector);
        if (matrix.path("partial").asBoolean(false)) {
          throw new CountsDiffer("The " + scheme + " matrix for " + sector + " came back partial");
        }
        for (JsonNode cell : matrix.path("cells")) {
          links.put(scheme + ":" + cell.get("origin").asText() + ":" + cell.get("destination").asText() + ":" + sector,
              List.of(cell.get("companies").asLong(), cell.get("sites").asLong()));
        }
      }
    }
    return links;
  }

  /**
   * The records regiolink rejected, by reason ({@code GET /api/v1/coverage}): the workload holds
   * only valid records, so anything here means the pipeline counted less than it was sent.
   */
  static Map<String, List<Long>> rejectedFromApi(Http http) {
    Map<String, List<Long>> rejected = new TreeMap<>();
    http.getJson("/api/v1/coverage").path("rejected").fields()
        .forEachRemaining(e -> rejected.put(e.getKey(), List.of(e.getValue().asLong())));
    return rejected;
  }

  /**
   * The links store itself, read as users do with {@code direction=out} (the matrix reads the
   * by-destination index): every region of every scheme and sector.
   */
  static Map<String, List<Long>> linksOutFromApi(Http http, Set<String> schemes, Set<String> sectors) {
    Map<String, List<Long>> links = new TreeMap<>();
    for (String scheme : schemes) {
      for (JsonNode region : http.getJson("/api/v1/schemes/" + scheme + "/regions").path("regions")) {
        for (String sector : sectors) {
          JsonNode answer = http.getJson("/api/v1/links/" + scheme + "/" + region.get("code").asText()
              + "?direction=out&limit=10000&sector=" + sector);
          if (answer.path("partial").asBoolean(false)) {
            throw new CountsDiffer("The " + scheme + " links out of " + region + " for " + sector + " came back partial");
          }
          for (JsonNode link : answer.path("links")) {
            links.put(scheme + ":" + link.get("origin").asText() + ":" + link.get("destination").asText() + ":" + sector,
                List.of(link.get("companies").asLong(), link.get("sites").asLong()));
          }
        }
      }
    }
    return links;
  }
}
