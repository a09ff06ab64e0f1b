package io.regiolink.embedded;

import java.net.URI;
import java.nio.file.Path;

/**
 * The embedded default's infrastructure on one machine: a KRaft broker in this JVM and Apicurio
 * Registry beside it, both keeping their data under {@code <state.dir>/kafka} and
 * {@code <state.dir>/registry} so a restart resumes where it stopped.
 */
public final class LocalStack implements AutoCloseable {
  private final StateDirLock lock;
  private final LocalKafka kafka;
  private final LocalRegistry registry;

  private LocalStack(StateDirLock lock, LocalKafka kafka, LocalRegistry registry) {
    this.lock = lock;
    this.kafka = kafka;
    this.registry = registry;
  }

  public static LocalStack start(DemoSettings settings, Path stateDirectory) {
    Path stateDir = stateDirectory.toAbsolutePath().normalize();
    // Resolve the registry before starting anything, so a missing distribution fails in a second.
    RegistryDistribution distribution =
        RegistryDistribution.locate(settings.registryHome(), BuildInfo.load().registryVersion());
    StateDirLock lock = StateDirLock.acquire(stateDir);
    LocalKafka kafka = null;
    try {
      kafka = LocalKafka.start(stateDir.resolve("kafka"), settings.kafkaPort());
      LocalRegistry registry = LocalRegistry.start(distribution, stateDir.resolve("registry"),
          settings.registryPort(), settings.registryHeap());
      return new LocalStack(lock, kafka, registry);
    } catch (RuntimeException e) {
      if (kafka != null) {
        kafka.close();
      }
      lock.close();
      throw e;
    }
  }

  public String bootstrapServers() {
    return kafka.bootstrapServers();
  }

  public URI registryUrl() {
    return registry.url();
  }

  @Override
  public void close() {
    // Registry first: it holds no Kafka state, and the broker then shuts down with no client left.
    try {
      registry.close();
    } finally {
      try {
        kafka.close();
      } finally {
        lock.close();
      }
    }
  }
}
