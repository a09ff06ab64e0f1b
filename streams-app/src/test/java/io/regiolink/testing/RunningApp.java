package io.regiolink.testing;

import io.regiolink.app.RegiolinkInstance;
import io.regiolink.app.RegiolinkStreams;
import io.regiolink.http.Answers;
import java.util.Map;
import io.regiolink.app.RegiolinkConfig;
import io.regiolink.embedded.LocalStack;
import io.regiolink.app.ContractSetup;
import java.nio.file.Path;
import java.time.Duration;

/** A real local broker and registry with the regiolink streams app running on them, for integration tests. */
public final class RunningApp implements AutoCloseable {
  private final LocalStack stack;
  private final RegiolinkConfig config;
  private final RegiolinkInstance instance;

  private RunningApp(LocalStack stack, RegiolinkConfig config, RegiolinkInstance instance) {
    this.stack = stack;
    this.config = config;
    this.instance = instance;
  }

  public static RunningApp start(Path stateDir) throws InterruptedException {
    return start(stateDir, Map.of());
  }

  /** The same, with further settings as if given as flags. */
  public static RunningApp start(Path stateDir, Map<String, String> flags) throws InterruptedException {
    LocalStack stack = TestConfigs.stack(TestConfigs.local(stateDir));
    try {
      Map<String, String> settings = new java.util.HashMap<>(flags);
      settings.put("http.port", Integer.toString(TestConfigs.freePort()));
      RegiolinkConfig config = TestConfigs.local(stateDir, settings).withAddressesOf(stack);
      ContractSetup.run(config);
      RegiolinkInstance instance = RegiolinkInstance.start(config, Answers.Dataset.user("integration test"));
      if (!instance.awaitRunning(Duration.ofSeconds(120))) {
        instance.close();
        throw new AssertionError("Kafka Streams did not reach RUNNING within 120 s");
      }
      return new RunningApp(stack, config, instance);
    } catch (RuntimeException | InterruptedException | AssertionError e) {
      stack.close();
      throw e;
    }
  }

  public RegiolinkConfig config() {
    return config;
  }

  public RegiolinkStreams streams() {
    return instance.streams();
  }

  /** The instance's HTTP base URL, e.g. http://localhost:41234. */
  public String http() {
    return "http://localhost:" + instance.httpPort();
  }

  @Override
  public void close() {
    try {
      instance.close();
    } finally {
      stack.close();
    }
  }
}
