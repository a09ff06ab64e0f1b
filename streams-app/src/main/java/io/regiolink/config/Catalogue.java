package io.regiolink.config;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Every key an application accepts: the settings its features declare, plus families of keys
 * passed through under a prefix (such as {@code kafka.*}). The loader refuses keys outside it, and
 * {@code --help} and the README's table are rendered from it.
 */
public record Catalogue(List<Setting<?>> settings, List<Family> families) {

  /** Keys under a prefix that are passed on rather than read here, e.g. kafka.* to every Kafka client. */
  public record Family(String prefix, String doc) {}

  public Catalogue {
    settings = List.copyOf(settings);
    families = List.copyOf(families);
    Set<String> keys = new HashSet<>();
    for (Setting<?> setting : settings) {
      if (!keys.add(setting.key())) {
        throw new IllegalArgumentException("Two features declare the key " + setting.key());
      }
    }
  }

  /** The catalogue of several features' declarations. */
  public static Catalogue of(List<List<Setting<?>>> features, List<Family> families) {
    List<Setting<?>> all = new ArrayList<>();
    features.forEach(all::addAll);
    return new Catalogue(all, families);
  }

  public Optional<Setting<?>> setting(String key) {
    return settings.stream().<Setting<?>>map(s -> s).filter(s -> s.key().equals(key)).findFirst();
  }

  public Optional<Family> family(String key) {
    return families.stream().filter(f -> key.startsWith(f.prefix()) && key.length() > f.prefix().length()).findFirst();
  }

  public boolean isKnown(String key) {
    return setting(key).isPresent() || family(key).isPresent();
  }

  /** The lines {@code --help} ends with. */
  public List<String> helpLines() {
    List<String> lines = new ArrayList<>();
    for (Setting<?> s : settings) {
      lines.add(String.format("  %-22s %s%s", s.key(), s.doc(),
          s.byDefault().filter(v -> !v.isEmpty()).map(v -> " [" + v + "]").orElse("")));
    }
    for (Family f : families) {
      lines.add(String.format("  %-22s %s", f.prefix() + "*", f.doc()));
    }
    return lines;
  }

  /** The README's configuration table, in Markdown. */
  public String markdownTable() {
    StringBuilder table = new StringBuilder("| key | default | environment variable | meaning |\n|---|---|---|---|\n");
    for (Setting<?> s : settings) {
      table.append("| `").append(s.key()).append("` | ")
          .append(s.byDefault().filter(v -> !v.isEmpty()).map(v -> "`" + v + "`").orElse("(none)")).append(" | `")
          .append(s.environmentVariable()).append("` | ").append(s.doc().replace("|", "\\|")).append(" |\n");
    }
    for (Family f : families) {
      table.append("| `").append(f.prefix()).append("*` | | `").append(Setting.environmentVariable(f.prefix()))
          .append("*` | ").append(f.doc().replace("|", "\\|")).append(" |\n");
    }
    return table.toString();
  }
}
