package io.regiolink.registry;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;

/** Where the topology gets the Avro serde of each value type, so tests and the app build the same topology. */
public interface SerdeFactory {
  <T extends SpecificRecord> Serde<T> valueSerde(Class<T> type);

  /** Tells from a deserializer's exception whose fault it was. */
  default DecodeFailure classify(Throwable failure) {
    return DecodeFailure.UNDECODABLE;
  }
}
