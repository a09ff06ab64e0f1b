package io.regiolink.testing;

import io.regiolink.registry.SerdeFactory;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/**
 * Avro binary without a registry, for TopologyTestDriver unit tests only, where there is no broker
 * or registry; every integration test uses the real registry serdes. It is a serde of its own, not
 * a stand-in for the registry: the schema is the generated class's, and nothing is looked up.
 */
public final class PlainAvroSerdes implements SerdeFactory {
  @Override
  public <T extends SpecificRecord> Serde<T> valueSerde(Class<T> type) {
    var schema = SpecificData.get().getSchema(type);
    SpecificDatumWriter<T> writer = new SpecificDatumWriter<>(schema);
    SpecificDatumReader<T> reader = new SpecificDatumReader<>(schema);
    return Serdes.serdeFrom(
        (topic, value) -> {
          if (value == null) {
            return null;
          }
          ByteArrayOutputStream out = new ByteArrayOutputStream();
          BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
          try {
            writer.write(value, encoder);
            encoder.flush();
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
          return out.toByteArray();
        },
        (topic, bytes) -> {
          if (bytes == null) {
            return null;
          }
          BinaryDecoder decoder = DecoderFactory.get().binaryDecoder(bytes, null);
          try {
            T value = reader.read(null, decoder);
            if (!decoder.isEnd()) {
              throw new IllegalArgumentException("trailing bytes after the Avro record");
            }
            return value;
          } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("not an Avro " + type.getSimpleName() + ": " + e.getMessage(), e);
          }
        });
  }
}
