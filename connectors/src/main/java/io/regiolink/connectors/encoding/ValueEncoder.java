package io.regiolink.connectors.encoding;

import io.apicurio.registry.serde.avro.AvroKafkaSerializer;
import io.regiolink.avro.RejectedRecord;
import io.regiolink.company.RejectedRecords;
import io.regiolink.wire.WireFormat;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import org.apache.avro.specific.SpecificRecord;

/**
 * Turns records into the bytes regiolink's topics hold (Avro, Confluent wire format, schemas in
 * the registry), with the app's own serde settings. The connectors hand Connect these bytes
 * through ByteArrayConverter rather than use a Connect converter: Apicurio's Avro converter is
 * not on Maven Central for the 3.x serde this project uses, and encoding here guarantees the
 * connectors write exactly what 'regiolink replay' writes.
 */
public final class ValueEncoder implements RecordMaker.Encoder {
  private static final String TRUSTED = "org.apache.avro.SERIALIZABLE_PACKAGES";
  private static final String OURS = "io.regiolink.avro";

  static {
    // Avro 1.12 refuses record classes outside the trusted packages, and a Connect worker started
    // as usual trusts none of ours: without this every task dies with "Forbidden
    // io.regiolink.avro...". Added to what the worker trusts already, never replacing it.
    String trusted = System.getProperty(TRUSTED, "");
    if (!Arrays.asList(trusted.split(",")).contains(OURS)) {
      System.setProperty(TRUSTED, trusted.isBlank() ? OURS : trusted + "," + OURS);
    }
  }

  private final AvroKafkaSerializer<SpecificRecord> serializer = new AvroKafkaSerializer<>();

  public ValueEncoder(URI registryUrl) {
    serializer.configure(WireFormat.serdeSettings(registryUrl), false);
  }

  @Override
  public byte[] encode(String topic, SpecificRecord value) {
    return serializer.serialize(topic, value);
  }

  /** A rejected input line, for regiolink.rejected.v1: origin, reason code and words, the raw line (bounded). */
  public static RejectedRecord rejected(String origin, String code, String reason, String key, String line) {
    return RejectedRecords.of(origin, code, reason, key == null ? null : key.getBytes(StandardCharsets.UTF_8),
        line == null ? null : line.getBytes(StandardCharsets.UTF_8), Instant.now());
  }

  @Override
  public void close() {
    serializer.close();
  }
}
