import { readFileSync } from 'node:fs';
import { Client, Connection } from '@temporalio/client';
import { NativeConnection } from '@temporalio/worker';
import type { Env } from '../config/env';

/** TLS and API-key settings shared by client and worker connections (Temporal Cloud or a TLS cluster). */
function connectionSecurity(env: Env) {
  const mtls =
    env.TEMPORAL_TLS_CERT_PATH && env.TEMPORAL_TLS_KEY_PATH
      ? { crt: readFileSync(env.TEMPORAL_TLS_CERT_PATH), key: readFileSync(env.TEMPORAL_TLS_KEY_PATH) }
      : undefined;
  const tlsOn = env.TEMPORAL_TLS || Boolean(mtls) || Boolean(env.TEMPORAL_API_KEY);
  const tls = tlsOn
    ? { ...(mtls ? { clientCertPair: mtls } : {}), ...(env.TEMPORAL_TLS_SERVER_NAME ? { serverNameOverride: env.TEMPORAL_TLS_SERVER_NAME } : {}) }
    : undefined;
  return { address: env.TEMPORAL_ADDRESS, ...(tls ? { tls } : {}), ...(env.TEMPORAL_API_KEY ? { apiKey: env.TEMPORAL_API_KEY } : {}) };
}

export function connect(env: Env): Promise<Connection> {
  return Connection.connect(connectionSecurity(env));
}

export async function connectClient(env: Env): Promise<Client> {
  return new Client({ connection: await connect(env), namespace: env.TEMPORAL_NAMESPACE });
}

export function connectWorker(env: Env): Promise<NativeConnection> {
  return NativeConnection.connect(connectionSecurity(env));
}
