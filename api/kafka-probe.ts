import type { TopicAdmin } from '../kafka';

/**
 * Kafka reachability for the health check: one admin connection, opened on first use and
 * reopened after a failure, so the API starts (and reports "down") while Kafka is away.
 */
export function createKafkaProbe(admin: TopicAdmin) {
  let connected = false;
  return {
    async check(): Promise<void> {
      try {
        if (!connected) {
          await admin.connect();
          connected = true;
        }
        await admin.listTopics();
      } catch (err) {
        connected = false;
        await admin.disconnect().catch(() => undefined);
        throw err;
      }
    },
    async close(): Promise<void> {
      if (connected) await admin.disconnect().catch(() => undefined);
      connected = false;
    },
  };
}
