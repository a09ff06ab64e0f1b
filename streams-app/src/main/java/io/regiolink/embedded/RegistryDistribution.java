package io.regiolink.embedded;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Finds the unpacked Apicurio Registry distribution that the embedded mode runs. The build unpacks
 * it once into {@code .registry/} at the top of the checkout (outside {@code target/}, so a clean
 * build keeps it); a configured {@code registry.home} wins.
 */
public final class RegistryDistribution {
  private final Path home;
  private final Path runnerJar;

  private RegistryDistribution(Path home, Path runnerJar) {
    this.home = home;
    this.runnerJar = runnerJar;
  }

  public Path home() {
    return home;
  }

  public Path runnerJar() {
    return runnerJar;
  }

  public static RegistryDistribution locate(Optional<Path> configuredHome, String version) {
    String folder = "apicurio-registry-" + version;
    String jar = "apicurio-registry-app-" + version + "-runner.jar";
    List<Path> candidates = new ArrayList<>();
    configuredHome.ifPresentOrElse(candidates::add, () -> {
      candidates.add(Path.of(".registry", folder));
      codeLocation().ifPresent(dir -> {
        // streams-app/target/regiolink.jar -> <checkout>/.registry
        candidates.add(dir.resolve("../../.registry").resolve(folder));
        // streams-app/target/classes (tests, IDE) -> <checkout>/.registry
        candidates.add(dir.resolve("../../../.registry").resolve(folder));
      });
    });
    for (Path candidate : candidates) {
      Path runner = candidate.resolve(jar);
      if (Files.isRegularFile(runner)) {
        return new RegistryDistribution(candidate.toAbsolutePath().normalize(), runner.toAbsolutePath().normalize());
      }
    }
    throw new IllegalStateException("Apicurio Registry " + version + " was not found (looked for " + jar + " in "
        + candidates.stream().map(p -> p.toAbsolutePath().normalize().toString()).toList() + "). "
        + "Run 'mvn -q package -DskipTests' in the regiolink checkout, which fetches it from Maven Central into .registry/, "
        + "or set registry.home to an unpacked io.apicurio:apicurio-registry-app:" + version + ":tar.gz:all.");
  }

  private static Optional<Path> codeLocation() {
    try {
      Path location = Path.of(RegistryDistribution.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      return Optional.ofNullable(Files.isDirectory(location) ? location : location.getParent());
    } catch (URISyntaxException | SecurityException | NullPointerException e) {
      return Optional.empty();
    }
  }
}
