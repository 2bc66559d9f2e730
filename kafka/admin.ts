import { ConfigResourceTypes, type Kafka } from 'kafkajs';
import type { TopicDefinition } from './topics';

export interface TopicDescription {
  name: string;
  partitions: number;
  configs: { 'retention.ms'?: string; 'cleanup.policy'?: string };
}

export interface TopicAdmin {
  connect(): Promise<void>;
  /** Creates the topics that are missing; existing ones are left as they are. Returns the created names. */
  ensureTopics(definitions: TopicDefinition[]): Promise<string[]>;
  describeTopics(names: string[]): Promise<TopicDescription[]>;
  listTopics(): Promise<string[]>;
  /** Moves a (stopped) consumer group back to the start of a topic, so its reader rebuilds. */
  rewindGroup(groupId: string, topic: string): Promise<void>;
  /** The next offset to be written on each partition (the high watermark). */
  topicEnds(topic: string): Promise<{ partition: number; end: string }[]>;
  disconnect(): Promise<void>;
}

const describedConfigs = ['retention.ms', 'cleanup.policy'] as const;

export function createTopicAdmin(kafka: Kafka): TopicAdmin {
  const admin = kafka.admin();
  return {
    connect: () => admin.connect(),
    disconnect: () => admin.disconnect(),
    listTopics: () => admin.listTopics(),
    async rewindGroup(groupId, topic) {
      // A group with nothing committed already starts at offset 0 (consumers subscribe from the
      // beginning). Otherwise reset it: resetOffsets joins the group with a throwaway consumer,
      // which costs seconds, so it is done only when there is something to reset.
      const committed = await retriable(() => admin.fetchOffsets({ groupId, topics: [topic] }));
      if (committed.every((t) => t.partitions.every((p) => Number(p.offset) < 0))) return;
      await admin.resetOffsets({ groupId, topic, earliest: true });
    },
    async topicEnds(topic) {
      const offsets = await admin.fetchTopicOffsets(topic);
      return offsets.map((o) => ({ partition: o.partition, end: o.high }));
    },

    async ensureTopics(definitions) {
      const existing = new Set(await admin.listTopics());
      const missing = definitions.filter((d) => !existing.has(d.name));
      if (missing.length === 0) return [];
      // kafkajs answers false instead of failing when another process created them first.
      await admin.createTopics({
        waitForLeaders: true,
        topics: missing.map((d) => ({
          topic: d.name,
          numPartitions: d.partitions,
          replicationFactor: d.replicationFactor,
          configEntries: Object.entries(d.configs).map(([name, value]) => ({ name, value })),
        })),
      });
      return missing.map((d) => d.name);
    },

    async describeTopics(names) {
      if (names.length === 0) return [];
      const [metadata, configs] = await Promise.all([
        admin.fetchTopicMetadata({ topics: names }),
        admin.describeConfigs({
          includeSynonyms: false,
          resources: names.map((name) => ({
            type: ConfigResourceTypes.TOPIC,
            name,
            configNames: [...describedConfigs],
          })),
        }),
      ]);
      return metadata.topics.map((topic) => {
        const resource = configs.resources.find((r) => r.resourceName === topic.name);
        const entries = new Map(resource?.configEntries.map((e) => [e.configName, e.configValue]));
        const described: TopicDescription['configs'] = {};
        for (const name of describedConfigs) {
          const value = entries.get(name);
          if (value !== undefined) described[name] = value;
        }
        return { name: topic.name, partitions: topic.partitions.length, configs: described };
      });
    },
  };
}

/**
 * kafkajs's admin does not retry every retriable broker answer; a group's coordinator, for one,
 * may still be moving ("not the correct coordinator") on a broker that just started.
 */
async function retriable<T>(call: () => Promise<T>, attempts = 20): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await call();
    } catch (err) {
      if (!(err as { retriable?: boolean }).retriable || attempt >= attempts) throw err;
      await new Promise((resolve) => setTimeout(resolve, 250 * Math.min(attempt, 4)));
    }
  }
}
