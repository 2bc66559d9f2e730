import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { Payload, PayloadCodec } from '@temporalio/common';
import { temporal } from '@temporalio/proto';
import type { Keyring } from '../config/keyring';

/**
 * AES-256-GCM over each whole payload (its metadata too), so Temporal's history, visibility
 * memos and web UI hold only ciphertext. Runs outside the workflow sandbox (Node crypto), in the
 * API, the worker and every tool that talks to Temporal (temporal/data-converter.ts).
 *
 * Layout: metadata `encoding: binary/encrypted` and `encryption-key-id: <id>`; data is the
 * 12-byte IV, the ciphertext of the encoded Payload proto, and the 16-byte tag. The key id is
 * authenticated too. Payloads that are not `binary/encrypted` (histories written before the
 * codec) pass through decode untouched, so they stay readable and replayable.
 */
export const ENCRYPTED_ENCODING = 'binary/encrypted';
export const KEY_ID_METADATA = 'encryption-key-id';

const IV_BYTES = 12;
const TAG_BYTES = 16;
const text = new TextEncoder();
const utf8 = new TextDecoder();
const aad = (keyId: string) => Buffer.from(`complaint-ladder/payload/1:${keyId}`);

export class PayloadDecryptionError extends Error {}

export function encryptPayload(keys: Keyring, payload: Payload): Payload {
  const { id, key } = keys.current;
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv).setAAD(aad(id));
  const plain = temporal.api.common.v1.Payload.encode(payload).finish();
  const data = Buffer.concat([iv, cipher.update(plain), cipher.final(), cipher.getAuthTag()]);
  return { metadata: { encoding: text.encode(ENCRYPTED_ENCODING), [KEY_ID_METADATA]: text.encode(id) }, data };
}

export const isEncrypted = (payload: Payload): boolean =>
  payload.metadata?.encoding !== undefined &&
  payload.metadata.encoding !== null &&
  utf8.decode(payload.metadata.encoding) === ENCRYPTED_ENCODING;

/** The payload as it was before encryption; a key id we do not hold, or tampering, throws naming it. */
export function decryptPayload(keys: Keyring, payload: Payload): Payload {
  if (!isEncrypted(payload)) return payload;
  const rawId = payload.metadata?.[KEY_ID_METADATA];
  const id = rawId ? utf8.decode(rawId) : '';
  const key = keys.byId.get(id);
  if (!key) {
    throw new PayloadDecryptionError(
      `payload encrypted under key id "${id}", which is not among the configured payload keys (LADDER_PAYLOAD_KEYS: ${[...keys.byId.keys()].join(', ')})`,
    );
  }
  const data = payload.data ?? new Uint8Array();
  if (data.length < IV_BYTES + TAG_BYTES)
    throw new PayloadDecryptionError(`payload encrypted under key id "${id}" is truncated`);
  const bytes = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  const decipher = createDecipheriv('aes-256-gcm', key, bytes.subarray(0, IV_BYTES)).setAAD(aad(id));
  decipher.setAuthTag(bytes.subarray(bytes.length - TAG_BYTES));
  let plain: Buffer;
  try {
    plain = Buffer.concat([decipher.update(bytes.subarray(IV_BYTES, bytes.length - TAG_BYTES)), decipher.final()]);
  } catch {
    throw new PayloadDecryptionError(
      `payload encrypted under key id "${id}" failed authentication: it was altered, or the key with that id changed`,
    );
  }
  const decoded = temporal.api.common.v1.Payload.decode(plain);
  return { metadata: decoded.metadata, data: decoded.data };
}

export function encryptionCodec(keys: Keyring): PayloadCodec {
  return {
    async encode(payloads) {
      return payloads.map((p) => encryptPayload(keys, p));
    },
    async decode(payloads) {
      return payloads.map((p) => decryptPayload(keys, p));
    },
  };
}
