// Reads regiolink.links.v1 with kafkajs and @kafkajs/confluent-schema-registry, through Apicurio
// Registry's Confluent-compatible API. No codec plugin: regiolink's public topics are stored
// uncompressed. Usage: node consume-links.mjs BOOTSTRAP REGISTRY_BASE_URL [COUNT]
import { Kafka, logLevel } from 'kafkajs';
import { SchemaRegistry } from '@kafkajs/confluent-schema-registry';

const [bootstrap, registryUrl, count = '10'] = process.argv.slice(2);
const registry = new SchemaRegistry({ host: `${registryUrl.replace(/\/+$/, '')}/apis/ccompat/v7` });
const kafka = new Kafka({ clientId: 'regiolink-example', brokers: bootstrap.split(','), logLevel: logLevel.WARN });
// readUncommitted false (the default): only committed counts, as regiolink writes them in transactions.
const consumer = kafka.consumer({ groupId: `regiolink-example-${process.pid}` });
await consumer.connect();
await consumer.subscribe({ topic: 'regiolink.links.v1', fromBeginning: true });
let seen = 0;
await consumer.run({
  eachMessage: async ({ message }) => {
    if (message.value === null) return; // a tombstone: the link went back to zero
    const link = await registry.decode(message.value);
    console.log(message.key.toString(), JSON.stringify(link, (k, v) => (typeof v === 'bigint' ? Number(v) : v)));
    if (++seen >= Number(count)) {
      await consumer.disconnect();
      process.exit(0);
    }
  },
});
