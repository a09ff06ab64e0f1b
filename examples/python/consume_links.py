"""Reads regiolink.links.v1 with confluent-kafka (librdkafka) through Apicurio Registry's
Confluent-compatible API. Usage: python3 consume_links.py BOOTSTRAP REGISTRY_BASE_URL [COUNT]"""
import sys

from confluent_kafka import DeserializingConsumer
from confluent_kafka.schema_registry import SchemaRegistryClient
from confluent_kafka.schema_registry.avro import AvroDeserializer
from confluent_kafka.serialization import StringDeserializer

bootstrap, registry_url = sys.argv[1], sys.argv[2]
count = int(sys.argv[3]) if len(sys.argv) > 3 else 10
registry = SchemaRegistryClient({"url": registry_url.rstrip("/") + "/apis/ccompat/v7"})
consumer = DeserializingConsumer({
    "bootstrap.servers": bootstrap,
    "group.id": "regiolink-example",
    "auto.offset.reset": "earliest",
    # regiolink writes its counts in transactions: read only committed ones.
    "isolation.level": "read_committed",
    "key.deserializer": StringDeserializer("utf_8"),
    "value.deserializer": AvroDeserializer(schema_registry_client=registry),
})
consumer.subscribe(["regiolink.links.v1"])
seen = 0
try:
    while seen < count:
        message = consumer.poll(10.0)
        if message is None or message.value() is None:  # nothing yet, or a link back at zero
            continue
        print(message.key(), message.value())
        seen += 1
finally:
    consumer.close()
