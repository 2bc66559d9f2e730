import { readFileSync } from 'node:fs';
import { Client, Connection, type WorkflowClientInterceptor } from '@temporalio/client';
import { OpenTelemetryWorkflowClientInterceptor } from '@temporalio/interceptors-opentelemetry';
import { NativeConnection } from '@temporalio/worker';
import type { Env } from '../config/env';
import { loadTemporalKeys, signingClientOptions, type TemporalKeys } from './data-converter';

/**
 * TLS and API-key settings shared by client and worker connections (Temporal Cloud or a TLS
 * cluster). Exported so a test can check that each setting reaches the connection.
 */
export function connectionSecurity(env: Env) {
  const mtls =
    env.TEMPORAL_TLS_CERT_PATH && env.TEMPORAL_TLS_KEY_PATH
      ? { crt: readFileSync(env.TEMPORAL_TLS_CERT_PATH), key: readFileSync(env.TEMPORAL_TLS_KEY_PATH) }
      : undefined;
  const tlsOn = env.TEMPORAL_TLS || Boolean(mtls) || Boolean(env.TEMPORAL_API_KEY) || Boolean(env.TEMPORAL_TLS_CA_PATH);
  const tls = tlsOn
    ? {
        ...(mtls ? { clientCertPair: mtls } : {}),
        ...(env.TEMPORAL_TLS_CA_PATH ? { serverRootCACertificate: readFileSync(env.TEMPORAL_TLS_CA_PATH) } : {}),
        ...(env.TEMPORAL_TLS_SERVER_NAME ? { serverNameOverride: env.TEMPORAL_TLS_SERVER_NAME } : {}),
      }
    : undefined;
  return {
    address: env.TEMPORAL_ADDRESS,
    ...(tls ? { tls } : {}),
    ...(env.TEMPORAL_API_KEY ? { apiKey: env.TEMPORAL_API_KEY } : {}),
  };
}

export function connect(env: Env): Promise<Connection> {
  return Connection.connect(connectionSecurity(env));
}

/** A client that encrypts payloads and signs actors (temporal/data-converter.ts). */
export async function connectClient(
  env: Env,
  keys: TemporalKeys = loadTemporalKeys(env),
  opts: { traced?: boolean } = {},
): Promise<Client> {
  const signing = signingClientOptions(keys);
  return new Client({
    connection: await connect(env),
    namespace: env.TEMPORAL_NAMESPACE,
    ...signing,
    // Tracing: the active span's context rides on every start and Update, into the workflow.
    interceptors: {
      workflow: [
        ...(opts.traced ? [new OpenTelemetryWorkflowClientInterceptor()] : []),
        ...((signing.interceptors?.workflow ?? []) as WorkflowClientInterceptor[]),
      ],
    },
  });
}

export function connectWorker(env: Env): Promise<NativeConnection> {
  return NativeConnection.connect(connectionSecurity(env));
}
