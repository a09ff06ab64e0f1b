package io.regiolink.bench;

import java.io.File;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Peer (b), as the bench sees it: Apache Flink computing the same link counts ({@link FlinkJob}),
 * in its own JVM. This class loads no Flink class: the bench's own JVM has Kafka Streams' RocksDB
 * (rocksdbjni), and Flink's RocksDB fork (frocksdbjni) shares its {@code org.rocksdb} package. The
 * peer's JVM puts Flink's jars first on its class path, so that the fork wins there.
 */
final class FlinkPeer {
  static final String GROUP_ID = "bench-flink";
  static final String PROFILES = "bench.flink.profiles";
  static final String SITES = "bench.flink.sites";
  /** Key {@code scheme:origin:destination:sector}, value 16 bytes (companies, sites); tombstone at zero. */
  static final String OUTPUT = "bench.flink.links";
  static final Duration CHECKPOINT_INTERVAL = Duration.ofSeconds(1);
  static final int PARALLELISM = 2;

  private FlinkPeer() {}

  /**
   * Flink's jars, copied beside the bench jar at build time (bench/pom.xml, target/flink-lib), to
   * go first on the peer's class path.
   */
  static List<Path> jars() {
    Path benchJar = Path.of(System.getProperty("java.class.path").split(File.pathSeparator)[0]);
    Path dir = benchJar.toAbsolutePath().getParent().resolve("flink-lib");
    try (var files = Files.list(dir)) {
      return files.filter(f -> f.toString().endsWith(".jar")).sorted().toList();
    } catch (IOException e) {
      throw new IllegalStateException("The Flink peer needs its jars in " + dir + ", which 'mvn package' puts there; "
          + "run the bench as java -jar bench/target/regiolink-bench.jar, or leave flink out of --peers", e);
    }
  }

  /** The job's command: its jars first, then the bench's class path. */
  static List<String> command(String heap, String bootstrap, String registryUrl, Path work) {
    // By name: FlinkJob.class would load the job class, and with it Flink, into this JVM.
    return ChildProcess.java(heap, jars(), "io.regiolink.bench.FlinkJob", bootstrap, registryUrl, work.toString());
  }

  /** The output topic, compacted, as link keys: what the bench compares with the recount. */
  static Map<String, List<Long>> links(KafkaIo kafka) {
    return Verify.compacted(kafka, OUTPUT, (topic, value) -> ByteBuffer.wrap(value),
        tally -> List.of(tally.getLong(), tally.getLong()));
  }

  /**
   * Compares the output with the recount until they are equal, for at most ten checkpoints: the
   * source's offsets and the sink's transaction commit on the same checkpoint, in no set order.
   * The last difference is what fails the run.
   */
  static void awaitOutput(KafkaIo kafka, Map<String, List<Long>> expected) throws InterruptedException {
    for (int attempt = 1; ; attempt++) {
      try {
        Verify.equal("flink peer links", expected, links(kafka));
        return;
      } catch (Verify.CountsDiffer e) {
        if (attempt == 10) {
          throw e;
        }
        Thread.sleep(CHECKPOINT_INTERVAL.toMillis());
      }
    }
  }
}
