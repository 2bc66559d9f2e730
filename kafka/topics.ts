import topics from './topics.json';

/**
 * The public topics of SPEC §4. Names and configs live in topics.json so that
 * scripts/create-topics.js (plain Node, no build) creates exactly the same topics.
 */
export interface TopicDefinition {
  name: string;
  partitions: number;
  replicationFactor: number;
  /** Kafka topic configs, e.g. retention.ms and cleanup.policy, as Kafka spells them. */
  configs: Record<string, string>;
}

/** Each public topic by role, e.g. `TOPICS.complaintEvents.name` is "complaint-events". */
export const TOPICS = topics;

/** The embedded broker has one node, hence replication factor 1 unless told otherwise. */
export function topicDefinitions(replicationFactor = 1): TopicDefinition[] {
  return Object.values(TOPICS).map(({ name, partitions, configs }) => ({
    name,
    partitions,
    replicationFactor,
    configs: { ...configs },
  }));
}

/** SPEC §4: a consumer that cannot parse a message sends it to `<topic>.dlq`. */
export function deadLetterTopicOf(topic: string): string {
  return `${topic}.dlq`;
}
