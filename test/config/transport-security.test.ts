import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadEnv } from '../../config/env';
import { kafkaSettings } from '../../config/kafka';
import { kafkaClientConfig } from '../../kafka';
import { connectionSecurity } from '../../temporal/connection';

/** The settings of docs/production.md, from the environment to the options each client is built with. */
describe('TLS and SASL settings reach the Temporal and Kafka clients', () => {
  let dir: string;
  const pem = (name: string) => {
    const file = path.join(dir, `${name}.pem`);
    writeFileSync(file, `-----BEGIN ${name}-----\n${name}\n-----END ${name}-----\n`);
    return file;
  };
  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'ladder-tls-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('connects to the embedded stack in plain text unless told otherwise', () => {
    const env = loadEnv({});
    expect(connectionSecurity(env)).toEqual({ address: '127.0.0.1:7233' });
    const kafka = kafkaClientConfig(kafkaSettings(env));
    expect(kafka.ssl).toBe(false);
    expect(kafka.sasl).toBeUndefined();
  });

  it('gives Temporal the mTLS client pair, the private CA and the server name', () => {
    const env = loadEnv({
      TEMPORAL_ADDRESS: 'temporal.internal:7233',
      TEMPORAL_TLS_CERT_PATH: pem('CLIENT CERT'),
      TEMPORAL_TLS_KEY_PATH: pem('CLIENT KEY'),
      TEMPORAL_TLS_CA_PATH: pem('CA'),
      TEMPORAL_TLS_SERVER_NAME: 'temporal.internal',
    });
    const options = connectionSecurity(env);
    expect(options.address).toBe('temporal.internal:7233');
    expect(String(options.tls?.clientCertPair?.crt)).toContain('CLIENT CERT');
    expect(String(options.tls?.clientCertPair?.key)).toContain('CLIENT KEY');
    expect(String(options.tls?.serverRootCACertificate)).toContain('CA');
    expect(options.tls?.serverNameOverride).toBe('temporal.internal');
  });

  it('turns TLS on for Temporal with only a private CA, or only an API key', () => {
    expect(connectionSecurity(loadEnv({ TEMPORAL_TLS_CA_PATH: pem('CA') })).tls).toEqual({
      serverRootCACertificate: expect.any(Buffer),
    });
    expect(connectionSecurity(loadEnv({ TEMPORAL_API_KEY: 'key-1' }))).toMatchObject({ tls: {}, apiKey: 'key-1' });
  });

  it('gives Kafka SASL/SCRAM over TLS with a private CA and a client certificate', () => {
    const env = loadEnv({
      KAFKA_BROKERS: 'b1.internal:9094,b2.internal:9094',
      KAFKA_SASL_MECHANISM: 'scram-sha-512',
      KAFKA_SASL_USERNAME: 'ladder',
      KAFKA_SASL_PASSWORD: 'secret',
      KAFKA_SSL_CA_PATH: pem('CA'),
      KAFKA_SSL_CERT_PATH: pem('CLIENT CERT'),
      KAFKA_SSL_KEY_PATH: pem('CLIENT KEY'),
    });
    const config = kafkaClientConfig(kafkaSettings(env, 'worker'));
    expect(config).toMatchObject({
      brokers: ['b1.internal:9094', 'b2.internal:9094'],
      clientId: 'complaint-ladder-worker',
    });
    expect(config.sasl).toEqual({ mechanism: 'scram-sha-512', username: 'ladder', password: 'secret' });
    expect(config.ssl).toEqual({
      ca: [expect.stringContaining('CA')],
      cert: expect.stringContaining('CLIENT CERT'),
      key: expect.stringContaining('CLIENT KEY'),
    });
  });

  it('gives Kafka TLS against the system CAs with KAFKA_SSL alone', () => {
    expect(kafkaClientConfig(kafkaSettings(loadEnv({ KAFKA_SSL: 'true' }))).ssl).toBe(true);
  });

  it('refuses half a client certificate or SASL without credentials, naming the settings', () => {
    expect(() => loadEnv({ KAFKA_SSL_CERT_PATH: '/x.pem' })).toThrow(
      /KAFKA_SSL_CERT_PATH\/KAFKA_SSL_KEY_PATH: give both or neither/,
    );
    expect(() => loadEnv({ TEMPORAL_TLS_KEY_PATH: '/x.pem' })).toThrow(/TEMPORAL_TLS_CERT_PATH\/TEMPORAL_TLS_KEY_PATH/);
    expect(() => loadEnv({ KAFKA_SASL_MECHANISM: 'plain', KAFKA_SASL_USERNAME: 'u' })).toThrow(
      /KAFKA_SASL_USERNAME\/KAFKA_SASL_PASSWORD/,
    );
  });
});
