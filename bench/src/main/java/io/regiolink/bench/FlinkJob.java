package io.regiolink.bench;

import io.regiolink.avro.CompanyProfileEvent;
import io.regiolink.avro.TradingSites;
import io.regiolink.avro.internal.CompanyState;
import io.regiolink.avro.internal.CompanyUpdate;
import io.regiolink.company.LatestWins;
import io.regiolink.footprint.FootprintRules;
import io.regiolink.geo.Geography;
import io.regiolink.footprint.LinkKey;
import io.regiolink.footprint.LinkTally;
import io.regiolink.registry.AvroSerdes;
import io.regiolink.sector.SectorClassifier;
import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.tuple.Tuple3;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.MemorySize;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.core.execution.CheckpointingMode;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * The job of peer (b) ({@link FlinkPeer}): Apache Flink computing the same link counts from the
 * same input, as a Flink user would write it with the DataStream API: an in-process MiniCluster,
 * the RocksDB state backend, exactly-once checkpoints, Kafka in and out (transactional sink). Per
 * company, keyed state holds the latest profile and site list; each accepted change emits the
 * company's old link contributions retracted (-1) and its new ones added (+1); a second keyed
 * stage sums them per link. The counting rules are regiolink's own ({@code FootprintRules},
 * {@code LatestWins}): what differs is the engine.
 *
 * <p>Runs in its own JVM ({@link #main}), the only one that loads Flink. Progress is visible as
 * the source's committed offsets (committed on each completed checkpoint), so the bench measures
 * it with the same lag check as the others.
 */
final class FlinkJob {

  private FlinkJob() {}

  /** args: bootstrap servers, registry URL, work directory. Prints RUNNING once the job runs. */
  public static void main(String[] args) throws Exception {
    System.setProperty("org.apache.avro.SERIALIZABLE_PACKAGES", "io.regiolink.avro");
    String bootstrap = args[0];
    String registryUrl = args[1];
    Path work = Path.of(args[2]).toAbsolutePath();

    Configuration conf = new Configuration();
    conf.set(StateBackendOptions.STATE_BACKEND, "rocksdb");
    conf.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, work.resolve("checkpoints").toUri().toString());
    conf.set(CheckpointingOptions.CHECKPOINTING_INTERVAL, FlinkPeer.CHECKPOINT_INTERVAL);
    conf.set(CheckpointingOptions.CHECKPOINTING_CONSISTENCY_MODE, CheckpointingMode.EXACTLY_ONCE);
    // RocksDB runs in Flink's managed memory; bounded explicitly, like regiolink's memory.total.
    conf.set(TaskManagerOptions.MANAGED_MEMORY_SIZE, MemorySize.parse("256m"));
    conf.set(TaskManagerOptions.NUM_TASK_SLOTS, FlinkPeer.PARALLELISM);
    // A failure ends the job, and so the process, which the bench then reports: nothing should fail here.
    conf.set(RestartStrategyOptions.RESTART_STRATEGY, "none");
    StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(FlinkPeer.PARALLELISM, conf);

    KafkaSource<Tuple3<String, String, byte[]>> source = KafkaSource.<Tuple3<String, String, byte[]>>builder()
        .setBootstrapServers(bootstrap).setTopics(FlinkPeer.PROFILES, FlinkPeer.SITES).setGroupId(FlinkPeer.GROUP_ID)
        .setStartingOffsets(OffsetsInitializer.earliest())
        .setProperty("isolation.level", "read_committed")
        .setDeserializer(new RawRecords()).build();
    KafkaSink<Tuple3<String, Long, Long>> sink = KafkaSink.<Tuple3<String, Long, Long>>builder()
        .setBootstrapServers(bootstrap)
        .setDeliveryGuarantee(DeliveryGuarantee.EXACTLY_ONCE).setTransactionalIdPrefix(FlinkPeer.GROUP_ID)
        // Flink's default (1 h) is above the broker's transaction.max.timeout.ms (15 min).
        .setProperty("transaction.timeout.ms", "600000")
        .setProperty("compression.type", "lz4").setProperty("linger.ms", "20")
        .setRecordSerializer(new LinkRecords()).build();

    env.fromSource(source, WatermarkStrategy.noWatermarks(), "input")
        .keyBy(r -> r.f1, Types.STRING)
        .process(new CompanyChanges(registryUrl), Types.TUPLE(Types.STRING, Types.LONG, Types.LONG))
        .name("company-changes")
        .keyBy(d -> d.f0, Types.STRING)
        .process(new LinkSums(), Types.TUPLE(Types.STRING, Types.LONG, Types.LONG))
        .name("link-sums")
        .sinkTo(sink).name("links-out");

    JobClient job = env.executeAsync("regiolink-bench-flink");
    while (job.getJobStatus().get() != JobStatus.RUNNING) {
      Thread.sleep(100);
    }
    System.out.println("RUNNING");
    System.out.flush();
    Runtime.getRuntime().addShutdownHook(new Thread(() -> job.cancel().join()));
    job.getJobExecutionResult().get();
  }

  /** (topic, company number, value bytes): decoding waits for the keyed stage, which owns the serde. */
  static final class RawRecords implements KafkaRecordDeserializationSchema<Tuple3<String, String, byte[]>> {
    @Override
    public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<Tuple3<String, String, byte[]>> out) {
      if (record.key() != null && record.value() != null) {
        out.collect(Tuple3.of(record.topic(), new String(record.key(), StandardCharsets.UTF_8), record.value()));
      }
    }

    @Override
    public TypeInformation<Tuple3<String, String, byte[]>> getProducedType() {
      return Types.TUPLE(Types.STRING, Types.STRING, PrimitiveArrayTypeInfo.BYTE_PRIMITIVE_ARRAY_TYPE_INFO);
    }
  }

  /** Per company: latest wins, then the old contributions retracted and the new ones added. */
  static final class CompanyChanges
      extends KeyedProcessFunction<String, Tuple3<String, String, byte[]>, Tuple3<String, Long, Long>> {
    private final String registryUrl;
    private transient Deserializer<CompanyProfileEvent> profiles;
    private transient Deserializer<TradingSites> sites;
    private transient FootprintRules rules;
    private transient ValueState<byte[]> held;

    CompanyChanges(String registryUrl) {
      this.registryUrl = registryUrl;
    }

    @Override
    public void open(OpenContext context) {
      AvroSerdes serdes = new AvroSerdes(URI.create(registryUrl));
      profiles = serdes.valueSerde(CompanyProfileEvent.class).deserializer();
      sites = serdes.valueSerde(TradingSites.class).deserializer();
      rules = new FootprintRules(Geography.load(List.of()), SectorClassifier.load(), Bench.COUNTED);
      held = getRuntimeContext().getState(new ValueStateDescriptor<>("company", PrimitiveArrayTypeInfo.BYTE_PRIMITIVE_ARRAY_TYPE_INFO));
    }

    @Override
    public void processElement(Tuple3<String, String, byte[]> in, Context ctx, Collector<Tuple3<String, Long, Long>> out)
        throws IOException {
      CompanyUpdate.Builder update = CompanyUpdate.newBuilder().setCompanyNumber(in.f1);
      if (in.f0.equals(FlinkPeer.PROFILES)) {
        update.setProfile(profiles.deserialize(in.f0, in.f2));
      } else {
        update.setSites(sites.deserialize(in.f0, in.f2));
      }
      byte[] bytes = held.value();
      CompanyState before = bytes == null ? null : CompanyState.fromByteBuffer(ByteBuffer.wrap(bytes));
      Optional<CompanyState> after = LatestWins.apply(before, update.build());
      if (after.isEmpty()) {
        return;
      }
      if (before != null) {
        emit(rules.contributions(before).links(), -1, out);
      }
      emit(rules.contributions(after.get()).links(), 1, out);
      ByteBuffer encoded = after.get().toByteBuffer();
      byte[] next = new byte[encoded.remaining()];
      encoded.get(next);
      held.update(next);
    }

    private static void emit(Map<LinkKey, LinkTally> links, int sign, Collector<Tuple3<String, Long, Long>> out) {
      links.forEach((key, t) -> out.collect(Tuple3.of(key.asString(), sign * t.companies(), sign * t.sites())));
    }
  }

  /** Per link: the running sum of the retractions and additions, emitted on every change. */
  static final class LinkSums
      extends KeyedProcessFunction<String, Tuple3<String, Long, Long>, Tuple3<String, Long, Long>> {
    private transient ValueState<Tuple3<String, Long, Long>> sum;

    @Override
    public void open(OpenContext context) {
      sum = getRuntimeContext().getState(
          new ValueStateDescriptor<>("sum", Types.TUPLE(Types.STRING, Types.LONG, Types.LONG)));
    }

    @Override
    public void processElement(Tuple3<String, Long, Long> delta, Context ctx, Collector<Tuple3<String, Long, Long>> out)
        throws IOException {
      Tuple3<String, Long, Long> current = sum.value();
      Tuple3<String, Long, Long> next = current == null ? delta
          : Tuple3.of(delta.f0, current.f1 + delta.f1, current.f2 + delta.f2);
      if (next.f1 == 0 && next.f2 == 0) {
        sum.clear();
      } else {
        sum.update(next);
      }
      out.collect(next);
    }
  }

  /** The link key as text, the tally as 16 bytes, a tombstone at zero (the topic is compacted). */
  static final class LinkRecords implements KafkaRecordSerializationSchema<Tuple3<String, Long, Long>> {
    @Override
    public ProducerRecord<byte[], byte[]> serialize(Tuple3<String, Long, Long> link, KafkaSinkContext context,
        Long timestamp) {
      byte[] value = link.f1 == 0 && link.f2 == 0 ? null
          : ByteBuffer.allocate(16).putLong(link.f1).putLong(link.f2).array();
      return new ProducerRecord<>(FlinkPeer.OUTPUT, link.f0.getBytes(StandardCharsets.UTF_8), value);
    }
  }

}
