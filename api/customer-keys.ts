import { createHmac, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/**
 * Customer keys: how a complaint is found by the customer's phone or name without either one
 * entering Temporal visibility, which is not encrypted (SPEC §4). Each is an HMAC-SHA256 under a
 * secret lookup key, so a leaked index cannot be reversed by hashing every phone number.
 *
 * The same normalisation runs at intake and at search, so a search finds what intake stored:
 * - phone: digits only, and a 13-digit number starting with 86 (China's country code) loses it, so
 *   "+86 138-0013-8000", "138 0013 8000" and "13800138000" are one number;
 * - name: NFKC, trimmed, inner whitespace collapsed to one space, lower-cased.
 *
 * Changing the lookup key orphans every stored key: complaints opened before it cannot be found
 * by phone or name (by id, plate, VIN and RO number they still can).
 */

export const normalisePhone = (phone: string): string => {
  const digits = phone.replace(/\D/g, '');
  return digits.length === 13 && digits.startsWith('86') ? digits.slice(2) : digits;
};

export const normaliseName = (name: string): string => name.normalize('NFKC').trim().replace(/\s+/g, ' ').toLowerCase();

/** Text that may be a phone number as staff type it: digits with +, spaces, dashes, dots or brackets. */
export function looksLikePhone(text: string): boolean {
  const digits = normalisePhone(text).length;
  return /^[+\d\s().-]+$/.test(text) && digits >= 7 && digits <= 20;
}

export type CustomerKeyer = ReturnType<typeof customerKeyer>;

export function customerKeyer(lookupKey: Buffer) {
  if (lookupKey.length < 32) throw new Error('the lookup key must be at least 32 bytes');
  // The kind is hashed too, so a name that reads like a number never matches a phone.
  const hash = (kind: string, value: string) => `${kind}:${createHmac('sha256', lookupKey).update(kind).update('\0').update(value).digest('hex').slice(0, 32)}`;
  const phone = (value: string) => hash('phone', normalisePhone(value));
  const name = (value: string) => hash('name', normaliseName(value));
  return {
    phone,
    name,
    /** What intake stores in state.customerKeys (and so in the CustomerKeys search attribute). */
    of: (customer: { name: string; phone: string }): string[] => [phone(customer.phone), name(customer.name)],
  };
}

/**
 * The lookup key: LADDER_LOOKUP_KEY if set, else the key file, made on first use (owner-only,
 * 32 random bytes as hex) so it survives restarts like the staff file does.
 */
export function loadLookupKey(opts: { key?: string | undefined; file: string }): Buffer {
  if (opts.key) return Buffer.from(opts.key, 'utf8');
  if (!existsSync(opts.file)) {
    mkdirSync(path.dirname(path.resolve(opts.file)), { recursive: true });
    // wx: two processes starting at once cannot both write one; the loser reads the winner's.
    try {
      writeFileSync(opts.file, `${randomBytes(32).toString('hex')}\n`, { mode: 0o600, flag: 'wx' });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
    chmodSync(opts.file, 0o600);
  }
  const key = readFileSync(opts.file, 'utf8').trim();
  if (key.length < 32) throw new Error(`lookup key file ${opts.file} holds fewer than 32 characters`);
  return Buffer.from(key, 'utf8');
}
