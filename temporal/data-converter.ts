import { randomBytes } from 'node:crypto';
import type { ClientOptions } from '@temporalio/client';
import type { DataConverter, PayloadCodec } from '@temporalio/common';
import type { Env } from '../config/env';
import { loadKeyring, parseKeyring, type Keyring } from '../config/keyring';
import { actorProofInterceptor, actorSigningCodec } from './actor-signing';
import { encryptionCodec } from './payload-encryption';

/** The two keyrings every process that talks to Temporal needs (docs/temporal-security.md). */
export interface TemporalKeys {
  /** AES-256-GCM keys for payloads (LADDER_PAYLOAD_KEYS). */
  payload: Keyring;
  /** HMAC keys for actors (LADDER_ACTOR_KEYS), shared by the API and the worker. */
  actor: Keyring;
}

export function loadTemporalKeys(
  env: Pick<Env, 'LADDER_PAYLOAD_KEYS' | 'LADDER_PAYLOAD_KEYS_FILE' | 'LADDER_ACTOR_KEYS' | 'LADDER_ACTOR_KEYS_FILE'>,
): TemporalKeys {
  return {
    payload: loadKeyring({
      value: env.LADDER_PAYLOAD_KEYS,
      file: env.LADDER_PAYLOAD_KEYS_FILE,
      what: 'LADDER_PAYLOAD_KEYS',
      bytes: 32,
    }),
    actor: loadKeyring({
      value: env.LADDER_ACTOR_KEYS,
      file: env.LADDER_ACTOR_KEYS_FILE,
      what: 'LADDER_ACTOR_KEYS',
      minBytes: 32,
    }),
  };
}

/**
 * Fresh keys for a run of our own processes (the chaos suite, the benchmarks): the environment to
 * give the processes, and the same keys for this process's own client.
 */
export function freshTemporalKeys(): {
  env: { LADDER_PAYLOAD_KEYS: string; LADDER_ACTOR_KEYS: string };
  keys: TemporalKeys;
} {
  const env = {
    LADDER_PAYLOAD_KEYS: `run:${randomBytes(32).toString('base64')}`,
    LADDER_ACTOR_KEYS: `run:${randomBytes(32).toString('base64')}`,
  };
  return {
    env,
    keys: {
      payload: parseKeyring(env.LADDER_PAYLOAD_KEYS, 'payload keys', { bytes: 32 }),
      actor: parseKeyring(env.LADDER_ACTOR_KEYS, 'actor keys'),
    },
  };
}

/**
 * Codecs run first to last on encode: the actor signature is made over the plain JSON, then the
 * whole payload (signature included) is encrypted. Decode undoes them in reverse.
 */
function codecs(keys: TemporalKeys, actors: { sign: boolean; verify: boolean }): PayloadCodec[] {
  return [actorSigningCodec(keys.actor, actors), encryptionCodec(keys.payload)];
}

/** The worker's: it verifies every signed input, and signs its own continue-as-new input. */
export function workerDataConverter(keys: TemporalKeys): DataConverter {
  return { payloadCodecs: codecs(keys, { sign: true, verify: true }) };
}

/** Only encryption: what the codec endpoint serves the Temporal UI (it must never sign). */
export function uiCodecs(keys: TemporalKeys): PayloadCodec[] {
  return [encryptionCodec(keys.payload)];
}

/**
 * A client that encrypts, and signs the actor of every start and Update it sends: the API's, and
 * every tool or test that starts complaints or acts on them. `now` is the signing clock.
 */
export function signingClientOptions(
  keys: TemporalKeys,
  opts: { now?: () => number | Promise<number> } = {},
): Pick<ClientOptions, 'dataConverter' | 'interceptors'> {
  return {
    dataConverter: { payloadCodecs: codecs(keys, { sign: true, verify: false }) },
    interceptors: { workflow: [actorProofInterceptor(opts.now)] },
  };
}
