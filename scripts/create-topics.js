// Creates the public topics (kafka/topics.json) on a running broker; used by scripts/kafka.sh
// because the broker never auto-creates topics. Plain CommonJS so it runs without a build.
// The worker does the same at startup through ensureTopics in kafka/admin.ts.

const { Kafka, logLevel } = require('kafkajs');
const topics = require('../kafka/topics.json');

const brokers = (process.env.KAFKA_BROKERS || '').split(',').filter(Boolean);
const replicationFactor = Number(process.env.KAFKA_REPLICATION_FACTOR || '1');

async function main() {
  if (brokers.length === 0) throw new Error('KAFKA_BROKERS is not set (e.g. 127.0.0.1:9092)');
  const kafka = new Kafka({
    clientId: 'complaint-ladder-create-topics',
    brokers,
    logLevel: logLevel.NOTHING,
    // A broker that just opened its port may still be loading metadata.
    retry: { retries: 10, initialRetryTime: 300 },
  });
  const admin = kafka.admin();
  await admin.connect();
  try {
    const existing = new Set(await admin.listTopics());
    const missing = Object.values(topics).filter((t) => !existing.has(t.name));
    if (missing.length > 0) {
      await admin.createTopics({
        waitForLeaders: true,
        topics: missing.map((t) => ({
          topic: t.name,
          numPartitions: t.partitions,
          replicationFactor,
          configEntries: Object.entries(t.configs).map(([name, value]) => ({ name, value })),
        })),
      });
    }
    const created = missing.map((t) => t.name);
    console.error(`[stack] kafka topics ready${created.length ? `; created ${created.join(', ')}` : ''}`);
  } finally {
    await admin.disconnect();
  }
}

main().catch((err) => {
  console.error(`[stack] error: ${err.message}`);
  process.exit(1);
});
