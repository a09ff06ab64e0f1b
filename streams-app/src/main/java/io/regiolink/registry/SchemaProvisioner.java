package io.regiolink.registry;

import io.regiolink.topics.TopicSpec;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Registers each topic's value schema under its TopicNameStrategy subject and sets BACKWARD on the
 * subject, so a producer with an incompatible schema is refused by the registry, not discovered by
 * a failing consumer.
 */
public final class SchemaProvisioner {
  public static final String COMPATIBILITY = "BACKWARD";
  private static final Logger LOG = LoggerFactory.getLogger(SchemaProvisioner.class);

  private final RegistryClient registry;

  public SchemaProvisioner(RegistryClient registry) {
    this.registry = registry;
  }

  /** @return subject -> schema id */
  public Map<String, Integer> ensure(Collection<TopicSpec> topics) {
    Map<String, Integer> ids = new LinkedHashMap<>();
    for (TopicSpec topic : topics) {
      // Compatibility first: a registration of an incompatible change is then refused too.
      registry.setCompatibility(topic.valueSubject(), COMPATIBILITY);
      ids.put(topic.valueSubject(), registry.register(topic.valueSubject(), topic.valueSchema()));
    }
    LOG.info("Schemas registered ({} compatibility): {}", COMPATIBILITY, ids);
    return ids;
  }
}
