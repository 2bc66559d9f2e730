import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { ensureSecretFile } from './secrets';

/**
 * A rotatable set of keys, each named by a key id: `k2:<base64>,k1:<base64>` (commas or new lines).
 * The first one encrypts or signs; every one decrypts or verifies, so rotating to a new key never
 * loses what an older key wrote. Retire a key by leaving it in the list, behind the new one.
 */
export interface Keyring {
  current: { id: string; key: Buffer };
  byId: ReadonlyMap<string, Buffer>;
}

const KEY_ID = /^[A-Za-z0-9._-]{1,64}$/;

export class KeyringError extends Error {}

export function parseKeyring(text: string, what: string, opts: { bytes?: number; minBytes?: number } = {}): Keyring {
  const entries = text
    .split(/[,\n]/)
    .map((s) => s.trim())
    .filter((s) => s && !s.startsWith('#'));
  if (!entries.length) throw new KeyringError(`${what}: no keys (expected "id:<base64>", comma-separated)`);
  const byId = new Map<string, Buffer>();
  for (const entry of entries) {
    const colon = entry.indexOf(':');
    const id = entry.slice(0, colon);
    const key = Buffer.from(entry.slice(colon + 1), 'base64');
    if (colon < 1 || !KEY_ID.test(id))
      throw new KeyringError(
        `${what}: "${entry.slice(0, 12)}…" is not "id:<base64>" (id: letters, digits, ".", "_", "-")`,
      );
    if (byId.has(id)) throw new KeyringError(`${what}: key id ${id} is listed twice`);
    if (opts.bytes !== undefined && key.length !== opts.bytes)
      throw new KeyringError(
        `${what}: key ${id} is ${key.length} bytes; expected ${opts.bytes} (e.g. \`openssl rand -base64 ${opts.bytes}\`)`,
      );
    if (opts.minBytes !== undefined && key.length < opts.minBytes)
      throw new KeyringError(`${what}: key ${id} is ${key.length} bytes; expected at least ${opts.minBytes}`);
    byId.set(id, key);
  }
  const [id, key] = byId.entries().next().value as [string, Buffer];
  return { current: { id, key }, byId };
}

/**
 * The keyring from its variable if set, else from its file, made on first use with one fresh
 * 32-byte key (owner-only) so that every process of one stack reads the same keys.
 */
export function loadKeyring(opts: {
  value?: string | undefined;
  file: string;
  what: string;
  bytes?: number;
  minBytes?: number;
}): Keyring {
  const limits = {
    ...(opts.bytes !== undefined ? { bytes: opts.bytes } : {}),
    ...(opts.minBytes !== undefined ? { minBytes: opts.minBytes } : {}),
  };
  if (opts.value) return parseKeyring(opts.value, opts.what, limits);
  ensureSecretFile(opts.file, () => `k1:${randomBytes(32).toString('base64')}\n`);
  return parseKeyring(readFileSync(opts.file, 'utf8'), `${opts.what} file ${opts.file}`, limits);
}
