package io.regiolink.cli;

import io.regiolink.app.RegiolinkConfig;
import io.regiolink.embedded.DemoAddresses;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/**
 * Where a client command sends its records: the addresses given, or else those of the demo
 * running on the same state directory; either way it fails at once when nothing answers.
 */
final class ClientAddresses {
  private static final int CHECK_SECONDS = 10;

  private ClientAddresses() {}

  static RegiolinkConfig resolve(RegiolinkConfig config) {
    RegiolinkConfig resolved = config;
    String origin = "the given --bootstrap-servers";
    if (config.kafka().bootstrapServers().isEmpty() || config.registry().url().isEmpty()) {
      DemoAddresses demo = DemoAddresses.read(config.stateDir());
      resolved = config.withAddresses(config.kafka().bootstrapServers().orElse(demo.bootstrapServers()),
          config.registry().url().orElse(demo.registryUrl()));
      origin = DemoAddresses.file(config.stateDir()).toAbsolutePath().normalize().toString();
    }
    Map<String, Object> settings = new HashMap<>(resolved.kafkaClientSettings());
    settings.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, CHECK_SECONDS * 1000);
    settings.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, CHECK_SECONDS * 1000);
    try (Admin admin = Admin.create(settings)) {
      admin.describeCluster().nodes().get(CHECK_SECONDS, TimeUnit.SECONDS);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("Nothing answers at " + resolved.requireBootstrapServers() + " (from " + origin
          + ") within " + CHECK_SECONDS + " s. Is the demo still running? Start it with 'regiolink demo', "
          + "or pass --bootstrap-servers and --registry-url.");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted", e);
    }
    return resolved;
  }
}
