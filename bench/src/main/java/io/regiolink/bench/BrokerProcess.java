package io.regiolink.bench;

import io.regiolink.embedded.LocalKafka;
import java.io.IOException;
import java.nio.file.Path;

/**
 * The benchmark's broker, in a JVM of its own so that the app's memory is measured without it:
 * a single KRaft node from Apache Kafka's jars on {@code args[0]}. It prints {@code READY
 * <bootstrap>} once it answers, and stops when its standard input closes (the bench ending or
 * dying), so it never outlives the run.
 */
public final class BrokerProcess {
  private BrokerProcess() {}

  public static void main(String[] args) throws IOException {
    LocalKafka kafka = LocalKafka.start(Path.of(args[0]), 0);
    System.out.println("READY " + kafka.bootstrapServers());
    System.out.flush();
    while (System.in.read() >= 0) {
      // Nothing is sent; end of input is the signal to stop.
    }
    kafka.close();
    System.exit(0);
  }
}
