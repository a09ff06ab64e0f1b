package io.regiolink.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The layering the code is organised by, checked on every build: packages depend one way, from
 * the pure core up through the Kafka topology, the queries, HTTP and the app to the CLI.
 */
@AnalyzeClasses(packages = "io.regiolink", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

  private static final String[] CORE = {"io.regiolink.geo..", "io.regiolink.sector..", "io.regiolink.company..",
      "io.regiolink.footprint..", "io.regiolink.history.."};

  @ArchTest
  static final ArchRule packagesAreFreeOfCycles =
      slices().matching("io.regiolink.(*)..").should().beFreeOfCycles();

  /** Counting rules, region resolution and sectors are plain Java: testable without a broker or a server. */
  @ArchTest
  static final ArchRule theCoreKnowsNoKafkaHttpOrConfiguration = noClasses().that().resideInAnyPackage(CORE)
      .should().dependOnClassesThat().resideInAnyPackage("org.apache.kafka..", "io.javalin..", "io.regiolink.config..",
          "io.regiolink.topics..", "io.regiolink.registry..", "io.regiolink.links..", "io.regiolink.alerts..",
          "io.regiolink.live..", "io.regiolink.query..", "io.regiolink.http..", "io.regiolink.app..",
          "io.regiolink.cli..");

  @ArchTest
  static final ArchRule layersDependDownwardOnly = layeredArchitecture().consideringOnlyDependenciesInLayers()
      .layer("Core").definedBy(CORE)
      .layer("Config").definedBy("io.regiolink.config..")
      .layer("Kafka").definedBy("io.regiolink.topics..", "io.regiolink.registry..", "io.regiolink.embedded..")
      .layer("Topology").definedBy("io.regiolink.links..", "io.regiolink.alerts..", "io.regiolink.live..")
      .layer("Queries").definedBy("io.regiolink.query..")
      .layer("Http").definedBy("io.regiolink.http..")
      .layer("App").definedBy("io.regiolink.app..")
      .layer("Tools").definedBy("io.regiolink.sample..", "io.regiolink.replay..")
      .layer("Cli").definedBy("io.regiolink.cli..")
      .whereLayer("Cli").mayNotBeAccessedByAnyLayer()
      .whereLayer("App").mayOnlyBeAccessedByLayers("Cli")
      .whereLayer("Tools").mayOnlyBeAccessedByLayers("App", "Cli")
      .whereLayer("Http").mayOnlyBeAccessedByLayers("App", "Cli")
      .whereLayer("Queries").mayOnlyBeAccessedByLayers("Http", "App", "Cli")
      .whereLayer("Topology").mayOnlyBeAccessedByLayers("Queries", "Http", "App", "Cli")
      .whereLayer("Kafka").mayOnlyBeAccessedByLayers("Topology", "Queries", "Http", "App", "Tools", "Cli")
      .whereLayer("Config").mayOnlyBeAccessedByLayers("Kafka", "Topology", "Queries", "Http", "App", "Tools", "Cli");
}
