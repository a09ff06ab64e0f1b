package io.regiolink.cli;

import io.regiolink.app.RegiolinkConfig;
import io.regiolink.app.ContractSetup;
import java.io.PrintWriter;
import java.util.List;

/** The start-up banner: what runs where, and how to stop it. */
final class Banner {
  private Banner() {}

  static void print(PrintWriter out, String title, RegiolinkConfig config, ContractSetup.Result setup, List<String> notes) {
    out.println();
    out.println("  regiolink " + title);
    out.println("  ----------------------------------------------------------------");
    out.printf("  Kafka bootstrap servers : %s  (cluster %s, %d broker%s)%n", config.requireBootstrapServers(),
        setup.clusterId(), setup.brokers(), setup.brokers() == 1 ? "" : "s");
    out.printf("  Schema registry         : %s  (Confluent API %s/apis/ccompat/v7)%n",
        config.requireRegistryUrl(), config.requireRegistryUrl());
    out.printf("  State directory         : %s%n", config.stateDir().toAbsolutePath().normalize());
    out.printf("  Topics                  : %d created, %d already there%n",
        setup.topics().created().size(), setup.topics().existing().size());
    setup.schemaIds().forEach((subject, id) -> out.printf("      %-36s schema id %d%n", subject, id));
    setup.topics().warnings().forEach(w -> out.println("  WARNING: " + w));
    notes.forEach(n -> out.println("  " + n));
    out.println("  Press Ctrl-C to stop.");
    out.println();
    out.flush();
  }
}
