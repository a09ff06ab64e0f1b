package io.regiolink.links;

import io.regiolink.avro.RejectedRecord;
import io.regiolink.avro.internal.CompanyUpdate;
import io.regiolink.company.InputRules;
import io.regiolink.company.RejectReason;
import io.regiolink.company.RejectedRecords;
import io.regiolink.company.Rejection;
import io.regiolink.registry.DecodeFailure;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.EnumMap;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.streams.processor.api.ContextualProcessor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decodes one input topic's raw bytes and applies the input rules. Usable records go on as
 * {@link CompanyUpdate}s keyed by the normalised company number; everything else becomes a
 * {@link RejectedRecord} with its reason, so bad input never stops the app and is never silently
 * lost. The topology splits the two apart.
 */
final class InputGate<T> extends ContextualProcessor<byte[], byte[], String, Gated> {
  private static final Logger LOG = LoggerFactory.getLogger(InputGate.class);

  private final Deserializer<T> deserializer;
  private final Function<Throwable, DecodeFailure> failures;
  private final BiFunction<T, Instant, InputRules.Outcome> rules;
  private final RejectionMetrics metrics = new RejectionMetrics();

  InputGate(Deserializer<T> deserializer, Function<Throwable, DecodeFailure> failures,
      BiFunction<T, Instant, InputRules.Outcome> rules) {
    this.deserializer = deserializer;
    this.failures = failures;
    this.rules = rules;
  }

  @Override
  public void init(ProcessorContext<String, Gated> context) {
    super.init(context);
    metrics.init(context);
  }

  @Override
  public void process(Record<byte[], byte[]> record) {
    String topic = context().recordMetadata().map(m -> m.topic()).orElse("");
    if (record.value() == null) {
      reject(record, new Rejection(RejectReason.TOMBSTONE,
          "a null value (tombstone) on " + topic + ": send a company's removal as a 'deleted' profile event with its timepoint"));
      return;
    }
    T decoded;
    try {
      decoded = deserializer.deserialize(topic, record.headers(), record.value());
    } catch (RuntimeException e) {
      DecodeFailure failure = failures.apply(e);
      if (failure == DecodeFailure.REGISTRY_UNAVAILABLE) {
        // Not the record's fault: fail the task so it is retried from the last commit once the
        // registry answers again, rather than rejecting good records.
        throw new IllegalStateException("The schema registry could not be reached to decode " + topic
            + " records; retrying. Check registry.url and the registry.", e);
      }
      reject(record, describe(record.value(), failure, e));
      return;
    }
    if (decoded == null) {
      reject(record, new Rejection(RejectReason.BAD_BYTES, "the value decoded to nothing"));
      return;
    }
    InputRules.Outcome outcome = rules.apply(decoded, Instant.ofEpochMilli(context().currentSystemTimeMs()));
    if (outcome.accepted()) {
      CompanyUpdate update = outcome.update();
      boolean rekeyed = record.key() == null
          || !update.getCompanyNumber().equals(new String(record.key(), StandardCharsets.UTF_8));
      context().forward(record.withKey(update.getCompanyNumber()).withValue(Gated.accepted(update, rekeyed)));
    } else {
      reject(record, outcome.rejection());
    }
  }

  private void reject(Record<byte[], byte[]> record, Rejection rejection) {
    String origin = context().recordMetadata().map(m -> m.topic() + "/" + m.partition() + "/" + m.offset()).orElse("unknown");
    metrics.record(rejection.code());
    RejectedRecord rejected = RejectedRecords.of(origin, rejection.code().name(), rejection.reason(), record.key(),
        record.value(), Instant.ofEpochMilli(context().currentSystemTimeMs()));
    LOG.debug("Rejected {}: {} {}", origin, rejection.code(), rejected.getReason());
    String key = record.key() == null ? ""
        : RejectedRecords.shortened(new String(record.key(), StandardCharsets.UTF_8));
    context().forward(record.withKey(key).withValue(Gated.rejected(rejected)));
  }

  static Rejection describe(byte[] value, DecodeFailure failure, RuntimeException e) {
    if (value.length < 5 || value[0] != 0) {
      return new Rejection(RejectReason.BAD_BYTES, "not in the Confluent wire format (expected magic byte 0 and a "
          + "4-byte schema id, got " + value.length + " bytes starting " + (value.length == 0 ? "-" : value[0]) + ")");
    }
    int id = ByteBuffer.wrap(value, 1, 4).getInt();
    if (failure == DecodeFailure.UNKNOWN_SCHEMA) {
      return new Rejection(RejectReason.UNKNOWN_SCHEMA_ID, "schema id " + id + " is not known to the registry");
    }
    return new Rejection(RejectReason.BAD_BYTES, "cannot decode the value with schema id " + id + ": " + e.getMessage());
  }

  /** Rejected records per reason, as Kafka Streams metrics (and from there in /metrics). */
  static final class RejectionMetrics {
    private final EnumMap<RejectReason, Sensor> sensors = new EnumMap<>(RejectReason.class);

    void init(ProcessorContext<?, ?> context) {
      for (RejectReason reason : RejectReason.values()) {
        sensors.put(reason, context.metrics().addRateTotalSensor("regiolink", reason.name(), "rejected-records",
            Sensor.RecordingLevel.INFO));
      }
    }

    void record(RejectReason reason) {
      Sensor sensor = sensors.get(reason);
      if (sensor != null) {
        sensor.record();
      }
    }
  }
}
