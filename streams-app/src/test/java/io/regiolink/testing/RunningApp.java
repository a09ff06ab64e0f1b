package io.regiolink.testing;

import io.regiolink.app.RegiolinkStreams;
import io.regiolink.config.RegiolinkConfig;
import io.regiolink.embedded.LocalStack;
import io.regiolink.topics.ContractSetup;
import java.nio.file.Path;
import java.time.Duration;

/** A real local broker and registry with the regiolink streams app running on them, for integration tests. */
public final class RunningApp implements AutoCloseable {
  private final LocalStack stack;
  private final RegiolinkConfig config;
  private final RegiolinkStreams streams;

  private RunningApp(LocalStack stack, RegiolinkConfig config, RegiolinkStreams streams) {
    this.stack = stack;
    this.config = config;
    this.streams = streams;
  }

  public static RunningApp start(Path stateDir) throws InterruptedException {
    LocalStack stack = LocalStack.start(TestConfigs.local(stateDir));
    try {
      RegiolinkConfig config = stack.applyTo(TestConfigs.local(stateDir));
      ContractSetup.run(config);
      RegiolinkStreams streams = RegiolinkStreams.start(config);
      if (!streams.awaitRunning(Duration.ofSeconds(120))) {
        streams.close();
        throw new AssertionError("Kafka Streams did not reach RUNNING within 120 s");
      }
      return new RunningApp(stack, config, streams);
    } catch (RuntimeException | InterruptedException | AssertionError e) {
      stack.close();
      throw e;
    }
  }

  public RegiolinkConfig config() {
    return config;
  }

  public RegiolinkStreams streams() {
    return streams;
  }

  @Override
  public void close() {
    try {
      streams.close();
    } finally {
      stack.close();
    }
  }
}
