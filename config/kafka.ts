import type { KafkaSettings } from '../kafka';
import type { Env } from './env';

export function kafkaSettings(env: Env, clientSuffix?: string): KafkaSettings {
  return {
    brokers: env.KAFKA_BROKERS,
    clientId: clientSuffix ? `${env.KAFKA_CLIENT_ID}-${clientSuffix}` : env.KAFKA_CLIENT_ID,
    ...(env.KAFKA_SSL ? { ssl: true } : {}),
    ...(env.KAFKA_SASL_MECHANISM
      ? { sasl: { mechanism: env.KAFKA_SASL_MECHANISM, username: env.KAFKA_SASL_USERNAME!, password: env.KAFKA_SASL_PASSWORD! } }
      : {}),
  };
}
