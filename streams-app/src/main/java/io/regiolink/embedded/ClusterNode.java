package io.regiolink.embedded;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * One node of a {@link LocalCluster} in a JVM of its own, so that it can be killed alone: a
 * combined broker and KRaft controller from Apache Kafka's jars. It prints {@link #READY} once it
 * answers, and stops in order when its standard input closes (the cluster closing it, or the
 * process that started it dying), so it never outlives its cluster's owner.
 *
 * <p>Arguments: data directory, node id, cluster id, voters, broker port, controller port, replicas.
 */
public final class ClusterNode {
  static final String READY = "READY";

  private ClusterNode() {}

  public static void main(String[] args) throws IOException {
    if (args.length != 7) {
      System.err.println("usage: ClusterNode <data dir> <node id> <cluster id> <voters> <broker port> <controller port>"
          + " <replicas>");
      System.exit(2);
    }
    LocalKafka.Role role = new LocalKafka.Role(Integer.parseInt(args[1]), Optional.of(args[2]), args[3],
        Integer.parseInt(args[6]));
    LocalKafka kafka = LocalKafka.start(Path.of(args[0]), role, Integer.parseInt(args[4]), Integer.parseInt(args[5]));
    System.out.println(READY + " " + kafka.bootstrapServers());
    System.out.flush();
    while (System.in.read() >= 0) {
      // Nothing is sent; the end of input is the signal to stop.
    }
    kafka.close();
    System.exit(0);
  }
}
