// The one door to Kafka: the rest of the code imports from here (or client.ts), never from kafkajs.
export * from './client';
export { TOPICS, deadLetterTopicOf, topicDefinitions, type TopicDefinition } from './topics';
