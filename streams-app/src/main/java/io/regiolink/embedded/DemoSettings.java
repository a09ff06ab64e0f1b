package io.regiolink.embedded;

import io.regiolink.config.Setting;
import io.regiolink.config.Settings;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** The demo's own broker and registry: their ports, and the registry distribution and heap. */
public record DemoSettings(int kafkaPort, int registryPort, Optional<Path> registryHome, String registryHeap) {

  public static final Setting<Integer> KAFKA_PORT = Setting.port("demo.kafka.port", "0", true,
      "Demo broker port; 0 reuses the last port under state.dir while free, else picks a free one");
  public static final Setting<Integer> REGISTRY_PORT = Setting.port("demo.registry.port", "0", true,
      "Demo registry port; 0 reuses the last port under state.dir while free, else picks a free one");
  public static final Setting<Path> REGISTRY_HOME = Setting.text("registry.home", null,
      "Unpacked Apicurio Registry distribution the demo runs (default: .registry/ beside the build)").map(Path::of);
  public static final Setting<String> REGISTRY_HEAP = Setting.text("registry.heap", "384m",
      "Maximum heap of the demo's registry process");
  public static final List<Setting<?>> SETTINGS = List.of(KAFKA_PORT, REGISTRY_PORT, REGISTRY_HOME, REGISTRY_HEAP);

  public static DemoSettings from(Settings settings) {
    return new DemoSettings(settings.get(KAFKA_PORT), settings.get(REGISTRY_PORT), settings.optional(REGISTRY_HOME),
        settings.get(REGISTRY_HEAP));
  }
}
