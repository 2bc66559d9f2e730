import { readFileSync } from 'node:fs';
import type { KafkaSettings } from '../kafka';
import type { Env } from './env';

/** TLS is on with KAFKA_SSL or any of its PEM files, which are read here, once, at start-up. */
function sslOf(env: Env): KafkaSettings['ssl'] {
  const pem = (file: string | undefined) => (file ? readFileSync(file, 'utf8') : undefined);
  const [ca, cert, key] = [pem(env.KAFKA_SSL_CA_PATH), pem(env.KAFKA_SSL_CERT_PATH), pem(env.KAFKA_SSL_KEY_PATH)];
  if (!ca && !cert) return env.KAFKA_SSL;
  return { ...(ca ? { ca } : {}), ...(cert && key ? { cert, key } : {}) };
}

export function kafkaSettings(env: Env, clientSuffix?: string): KafkaSettings {
  const ssl = sslOf(env);
  return {
    brokers: env.KAFKA_BROKERS,
    clientId: clientSuffix ? `${env.KAFKA_CLIENT_ID}-${clientSuffix}` : env.KAFKA_CLIENT_ID,
    ...(ssl ? { ssl } : {}),
    ...(env.KAFKA_SASL_MECHANISM
      ? {
          sasl: {
            mechanism: env.KAFKA_SASL_MECHANISM,
            username: env.KAFKA_SASL_USERNAME!,
            password: env.KAFKA_SASL_PASSWORD!,
          },
        }
      : {}),
  };
}
