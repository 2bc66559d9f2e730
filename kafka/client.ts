import { Kafka, logLevel, type KafkaConfig, type LogEntry, type SASLOptions } from 'kafkajs';
import { createTopicAdmin, type TopicAdmin } from './admin';
import { createRecordConsumer, type ConsumerOptions, type RecordConsumer } from './consumer';
import { createRecordProducer, type RecordProducer } from './producer';

// Callers import the record types from here, next to the settings that produce them.
export type { OutgoingRecord, RecordProducer } from './producer';
export type { ConsumerHealthChange, ConsumerOptions, IncomingRecord, RecordConsumer, RunOptions } from './consumer';
export type { TopicAdmin, TopicDescription } from './admin';

/** Where the event log lives; everything else about kafkajs stays inside this folder. */
export interface KafkaSettings {
  brokers: string[];
  clientId: string;
  /** TLS: true trusts the system CAs; PEM text adds a private CA and a client certificate (mTLS). */
  ssl?: boolean | { ca?: string; cert?: string; key?: string };
  sasl?: {
    mechanism: 'plain' | 'scram-sha-256' | 'scram-sha-512';
    username: string;
    password: string;
  };
}

/** The subset of a pino logger we need, so callers can pass theirs without a pino import here. */
export interface EventLogLogger {
  error(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
  info(obj: object, msg: string): void;
  debug(obj: object, msg: string): void;
}

export interface EventLog {
  producer(): RecordProducer;
  consumer(options: ConsumerOptions): RecordConsumer;
  admin(): TopicAdmin;
}

/** The kafkajs client options for our settings; exported so a test can check what reaches the client. */
export function kafkaClientConfig(settings: KafkaSettings, logger?: EventLogLogger): KafkaConfig {
  return {
    clientId: settings.clientId,
    brokers: settings.brokers,
    ssl: toSsl(settings.ssl),
    sasl: toSasl(settings.sasl),
    // kafkajs logs every retried request at ERROR; WARN keeps real trouble without the noise.
    logLevel: logLevel.WARN,
    logCreator: () => (entry) => writeLog(logger, entry),
  };
}

export function createEventLog(settings: KafkaSettings, logger?: EventLogLogger): EventLog {
  const kafka = new Kafka(kafkaClientConfig(settings, logger));
  return {
    producer: () => createRecordProducer(kafka),
    consumer: (options) => createRecordConsumer(kafka, options),
    admin: () => createTopicAdmin(kafka),
  };
}

function toSsl(ssl: KafkaSettings['ssl']): KafkaConfig['ssl'] {
  if (typeof ssl !== 'object') return ssl ?? false;
  return {
    ...(ssl.ca ? { ca: [ssl.ca] } : {}),
    ...(ssl.cert ? { cert: ssl.cert } : {}),
    ...(ssl.key ? { key: ssl.key } : {}),
  };
}

function toSasl(sasl: KafkaSettings['sasl']): SASLOptions | undefined {
  if (!sasl) return undefined;
  const { username, password } = sasl;
  // Spelled out because kafkajs types each mechanism as its own literal.
  switch (sasl.mechanism) {
    case 'plain':
      return { mechanism: 'plain', username, password };
    case 'scram-sha-256':
      return { mechanism: 'scram-sha-256', username, password };
    case 'scram-sha-512':
      return { mechanism: 'scram-sha-512', username, password };
  }
}

function writeLog(logger: EventLogLogger | undefined, { namespace, level, log }: LogEntry): void {
  const { message, timestamp: _timestamp, ...fields } = log;
  const context = { kafka: namespace, ...fields };
  if (!logger) {
    // Without a logger, still surface problems on stderr rather than drop them.
    if (level <= logLevel.WARN) console.error(`[kafka] ${message}`, context);
    return;
  }
  if (level === logLevel.ERROR) logger.error(context, message);
  else if (level === logLevel.WARN) logger.warn(context, message);
  else if (level === logLevel.INFO) logger.info(context, message);
  else logger.debug(context, message);
}
