package io.regiolink.registry;

import static org.assertj.core.api.Assertions.assertThat;

import io.apicurio.registry.resolver.config.SchemaResolverConfig;
import io.apicurio.registry.serde.avro.AvroSerdeConfig;
import io.apicurio.registry.serde.config.SerdeConfig;
import io.apicurio.registry.serde.kafka.config.KafkaSerdeConfig;
import io.regiolink.wire.WireFormat;
import java.net.URI;
import org.junit.jupiter.api.Test;

/** The shared serde settings use the keys Apicurio's serde actually reads. */
class WireFormatTest {
  @Test
  void settingsAreApicurioSerdeKeys() {
    assertThat(WireFormat.serdeSettings(URI.create("http://registry:8080/")))
        .containsEntry(SchemaResolverConfig.REGISTRY_URL, "http://registry:8080/apis/registry/v3")
        .containsEntry(SchemaResolverConfig.AUTO_REGISTER_ARTIFACT, true)
        .containsEntry(SchemaResolverConfig.DEREFERENCE_SCHEMA, true)
        .containsEntry(SerdeConfig.ID_HANDLER, "io.apicurio.registry.serde.Default4ByteIdHandler")
        .containsEntry(SerdeConfig.USE_ID, "contentId")
        .containsEntry(KafkaSerdeConfig.ENABLE_HEADERS, false)
        .containsEntry(AvroSerdeConfig.USE_SPECIFIC_AVRO_READER, true)
        .hasSize(7);
  }
}
