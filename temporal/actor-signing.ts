import { createHmac, randomUUID, timingSafeEqual } from 'node:crypto';
import type { WorkflowClientInterceptor } from '@temporalio/client';
import type { Payload, PayloadCodec } from '@temporalio/common';
import type { Keyring } from '../config/keyring';
import { ACTOR_UNVERIFIED, ACTOR_VERIFIED, START, UNKNOWN_ACTOR_KEY, type ActorProof } from './actor-proof';

/**
 * Signed actors, the Node side (temporal/actor-proof.ts is the workflow's side).
 *
 * The client interceptor adds a proof to every start and Update input; the codec signs each
 * encoded payload that carries one: an HMAC-SHA256 over its encoding and bytes, under the first
 * LADDER_ACTOR_KEYS key, written to the payload's metadata (inside the encryption, which runs
 * after it). On decode in the worker the codec checks the HMAC and writes its verdict into the
 * input, first removing any verdict the sender wrote. The HMAC covers the proof, so the verdict
 * vouches for the complaint, Update and time named in it.
 */
export const SIGNATURE_METADATA = 'actor-signature';
export const SIGNATURE_KEY_ID_METADATA = 'actor-key-id';

const JSON_ENCODING = 'json/plain';
const text = new TextEncoder();
const utf8 = new TextDecoder();
// JSON.stringify writes an object-valued `proof` key exactly so; only such payloads get signed.
const PROOF_MARK = Buffer.from('"proof":{"workflowId":');
const VERDICT_MARKS = [Buffer.from(`"${ACTOR_VERIFIED}"`), Buffer.from(`"${ACTOR_UNVERIFIED}"`)];
const BACKSLASH = 0x5c;

const bufferOf = (bytes: Uint8Array) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
const encodingOf = (p: Payload) => (p.metadata?.encoding ? utf8.decode(p.metadata.encoding) : '');

function mac(key: Buffer, encoding: string, data: Uint8Array): Buffer {
  return createHmac('sha256', key)
    .update('complaint-ladder/actor/1\0')
    .update(encoding)
    .update('\0')
    .update(data)
    .digest();
}

function sign(keys: Keyring, payload: Payload): Payload {
  const data = payload.data;
  if (!data || encodingOf(payload) !== JSON_ENCODING || bufferOf(data).indexOf(PROOF_MARK) < 0) return payload;
  const { id, key } = keys.current;
  return {
    ...payload,
    metadata: {
      ...payload.metadata,
      [SIGNATURE_KEY_ID_METADATA]: text.encode(id),
      [SIGNATURE_METADATA]: mac(key, JSON_ENCODING, data),
    },
  };
}

/** The JSON object with the codec's verdict in place of whatever verdict it carried; null to leave it be. */
function withVerdict(
  data: Uint8Array,
  verdict: { [ACTOR_VERIFIED]: string } | { [ACTOR_UNVERIFIED]: string } | null,
): Uint8Array | null {
  let value: unknown;
  try {
    value = JSON.parse(utf8.decode(data));
  } catch {
    return null; // not JSON after all: the workflow's converter refuses it
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
  const object = value as Record<string, unknown>;
  const forged = Object.hasOwn(object, ACTOR_VERIFIED) || Object.hasOwn(object, ACTOR_UNVERIFIED);
  if (!forged && !verdict) return null;
  delete object[ACTOR_VERIFIED];
  delete object[ACTOR_UNVERIFIED];
  return text.encode(JSON.stringify(verdict ? { ...object, ...verdict } : object));
}

function verify(keys: Keyring, payload: Payload): Payload {
  const data = payload.data;
  if (!data || encodingOf(payload) !== JSON_ENCODING) return payload;
  const signature = payload.metadata?.[SIGNATURE_METADATA];
  if (!signature) {
    // Unsigned: only a sender can have written a verdict here. A key written with \u escapes
    // has a backslash, so input with neither a backslash nor a verdict's name cannot hold one.
    const bytes = bufferOf(data);
    if (bytes.indexOf(BACKSLASH) < 0 && VERDICT_MARKS.every((m) => bytes.indexOf(m) < 0)) return payload;
    const stripped = withVerdict(data, null);
    return stripped ? { ...payload, data: stripped } : payload;
  }
  const { [SIGNATURE_METADATA]: _s, [SIGNATURE_KEY_ID_METADATA]: rawId, ...metadata } = payload.metadata ?? {};
  const id = rawId ? utf8.decode(rawId) : '';
  const key = keys.byId.get(id);
  let verdict: { [ACTOR_VERIFIED]: string } | { [ACTOR_UNVERIFIED]: string };
  if (!key)
    verdict = {
      [ACTOR_UNVERIFIED]: `${UNKNOWN_ACTOR_KEY} "${id}": the worker's actor keys are ${[...keys.byId.keys()].join(', ')} (LADDER_ACTOR_KEYS)`,
    };
  else {
    const expected = mac(key, JSON_ENCODING, data);
    const ok = signature.length === expected.length && timingSafeEqual(bufferOf(signature), expected);
    verdict = ok
      ? { [ACTOR_VERIFIED]: id }
      : { [ACTOR_UNVERIFIED]: `the signature under key id "${id}" does not match the input` };
  }
  return { metadata, data: withVerdict(data, verdict) ?? data };
}

/**
 * sign: the API and the worker (its continue-as-new input); never the codec endpoint's /encode,
 * or anyone with a staff token could have inputs signed. verify: the worker only.
 */
export function actorSigningCodec(keys: Keyring, opts: { sign: boolean; verify: boolean }): PayloadCodec {
  return {
    async encode(payloads) {
      return opts.sign ? payloads.map((p) => sign(keys, p)) : payloads;
    },
    async decode(payloads) {
      return opts.verify ? payloads.map((p) => verify(keys, p)) : payloads;
    },
  };
}

const withProof = (args: readonly unknown[], proof: ActorProof): unknown[] => {
  const [first, ...rest] = args;
  if (typeof first !== 'object' || first === null || Array.isArray(first)) return [...args];
  return [{ ...first, proof }, ...rest];
};

/**
 * Adds the proof to the first argument of every start and Update. `now` is the signer's clock;
 * tests on the time-skipping server pass the server's.
 */
export function actorProofInterceptor(now: () => number | Promise<number> = Date.now): WorkflowClientInterceptor {
  return {
    async startWithDetails(input, next) {
      const proof: ActorProof = { workflowId: input.options.workflowId, update: START, signedAt: await now() };
      return next({ ...input, options: { ...input.options, args: withProof(input.options.args, proof) } });
    },
    async startUpdate(input, next) {
      // The id is signed too, and Temporal applies an Update id once: a replayed input is a no-op.
      const updateId = input.options.updateId ?? randomUUID();
      const proof: ActorProof = {
        workflowId: input.workflowExecution.workflowId,
        update: input.updateName,
        updateId,
        signedAt: await now(),
      };
      return next({ ...input, args: withProof(input.args, proof), options: { ...input.options, updateId } });
    },
    async startUpdateWithStart(input, next) {
      const workflowId = input.workflowStartOptions.workflowId;
      const updateId = input.updateOptions.updateId ?? randomUUID();
      const signedAt = await now();
      return next({
        ...input,
        workflowStartOptions: {
          ...input.workflowStartOptions,
          args: withProof(input.workflowStartOptions.args, { workflowId, update: START, signedAt }),
        },
        updateArgs: withProof(input.updateArgs, { workflowId, update: input.updateName, updateId, signedAt }),
        updateOptions: { ...input.updateOptions, updateId },
      });
    },
    async signalWithStart(input, next) {
      const proof: ActorProof = { workflowId: input.options.workflowId, update: START, signedAt: await now() };
      return next({ ...input, options: { ...input.options, args: withProof(input.options.args, proof) } });
    },
  };
}
