package io.regiolink.registry;

import com.microsoft.kiota.ApiException;
import io.apicurio.registry.serde.avro.AvroKafkaDeserializer;
import io.apicurio.registry.serde.avro.AvroKafkaSerializer;
import io.apicurio.registry.serde.avro.AvroSerdeConfig;
import io.regiolink.wire.WireFormat;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Avro serdes through the registry, in the Confluent wire format: magic byte 0, a 4-byte schema id
 * (the registry's content id, which its Confluent API resolves at /schemas/ids/{id}), then Avro
 * binary; no record headers, subjects by TopicNameStrategy.
 */
public final class AvroSerdes implements SerdeFactory {
  private final Map<String, Object> settings;
  private final RegistryClient registry;

  /** @param registryUrl the registry's base URL, e.g. http://localhost:8081 */
  public AvroSerdes(URI registryUrl) {
    Map<String, Object> wire = new HashMap<>(WireFormat.serdeSettings(registryUrl));
    // Same bytes on the wire; only how the serde finds its Avro reader or writer for each record.
    wire.put(AvroSerdeConfig.AVRO_DATUM_PROVIDER, CachedDatumProvider.class.getName());
    this.settings = Map.copyOf(wire);
    this.registry = new RegistryClient(registryUrl);
  }

  @Override
  public DecodeFailure classify(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof ApiException api) {
        int status = api.getResponseStatusCode();
        if (status == 404) {
          return DecodeFailure.UNKNOWN_SCHEMA;
        }
        if (status >= 500 || status == 429 || status == 0) {
          return DecodeFailure.REGISTRY_UNAVAILABLE;
        }
      }
      if (t instanceof ConnectException || t instanceof SocketTimeoutException
          || t instanceof TimeoutException || t instanceof UnknownHostException
          || t.getClass().getName().startsWith("io.netty.channel.")) {
        return DecodeFailure.REGISTRY_UNAVAILABLE;
      }
    }
    return DecodeFailure.UNDECODABLE;
  }

  /** The serde settings, for clients configured by properties (producers, consumers, Connect). */
  public Map<String, Object> settings() {
    return settings;
  }

  /** The serde of one value type, with the per-record work cached (see {@link WireSerde}); same bytes as Apicurio's. */
  @Override
  public <T extends SpecificRecord> Serde<T> valueSerde(Class<T> type) {
    WireSerde<T> wire = new WireSerde<>(type, valueSerializer(), valueDeserializer(), registry);
    return Serdes.serdeFrom(wire, wire);
  }

  public <T extends SpecificRecord> Serializer<T> valueSerializer() {
    AvroKafkaSerializer<T> serializer = new AvroKafkaSerializer<>();
    serializer.configure(settings, false);
    return serializer;
  }

  public <T extends SpecificRecord> Deserializer<T> valueDeserializer() {
    AvroKafkaDeserializer<T> deserializer = new AvroKafkaDeserializer<>();
    deserializer.configure(settings, false);
    return deserializer;
  }
}
