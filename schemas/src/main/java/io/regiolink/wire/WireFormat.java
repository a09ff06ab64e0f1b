package io.regiolink.wire;

import java.net.URI;
import java.util.Map;

/**
 * How every regiolink topic value is written and read: Avro in the Confluent wire format (magic
 * byte 0, a 4-byte schema id, Avro binary), no record headers, subjects by TopicNameStrategy, the
 * id being Apicurio Registry's content id (which its Confluent API resolves at
 * /schemas/ids/{id}). These are the settings of Apicurio's Avro serde that give that format; the
 * app, its tools and the Connect connectors all configure their serdes from here, so they cannot
 * drift apart. (Keys are spelled out because this module carries no Apicurio classes; a test in
 * streams-app checks them against Apicurio's constants.)
 */
public final class WireFormat {
  private WireFormat() {}

  /** @param registryBaseUrl the registry's base URL, e.g. http://localhost:8081 */
  public static Map<String, Object> serdeSettings(URI registryBaseUrl) {
    return Map.of(
        "apicurio.registry.url", registryBaseUrl.toString().replaceAll("/+$", "") + "/apis/registry/v3",
        "apicurio.registry.auto-register", true,
        // Schemas with references are sent whole, so Confluent clients can read them too.
        "apicurio.registry.dereference-schema", true,
        "apicurio.registry.id-handler", "io.apicurio.registry.serde.Default4ByteIdHandler",
        "apicurio.registry.use-id", "contentId",
        "apicurio.registry.headers.enabled", false,
        "apicurio.registry.use-specific-avro-reader", true);
  }
}
