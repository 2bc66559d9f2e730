import { createHash, randomBytes } from 'node:crypto';

/**
 * Complaint ids, readable over the phone and sortable by eye:
 *
 *     CL-<DEALER>-<YYYYMMDD>-<XXXXXX>      e.g. CL-SHPUDONG01-20260302-7K3QX9
 *
 * - DEALER: the dealer id in capitals with everything but A–Z and 0–9 dropped, at most 12
 *   characters ("SH-PUDONG-01" → "SHPUDONG01"). Only a reading aid: the dealer that scopes
 *   access is the one the complaint itself records.
 * - YYYYMMDD: the day the complaint was opened, in the policy's time zone (UTC for 24x7 policies).
 * - XXXXXX: six Crockford base32 characters (no I, L, O or U, so nothing reads as 1 or 0): 30 bits,
 *   random for an ordinary intake and a hash of the Idempotency-Key for a keyed one (see
 *   idempotency.ts). Temporal refuses a second workflow with the same id, so a rare random clash
 *   is retried with fresh characters instead of being overwritten.
 *
 * The complaint id is the workflow id (SPEC §4).
 */
const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const SUFFIX_LENGTH = 6;

export const COMPLAINT_ID_SHAPE = /^CL-[A-Z0-9]{1,12}-\d{8}-[0-9A-HJKMNP-TV-Z]{6}$/;

export function dealerCode(dealerId: string): string {
  return (
    dealerId
      .toUpperCase()
      .replace(/[^A-Z0-9]/g, '')
      .slice(0, 12) || 'X'
  );
}

/** The calendar day of an instant in a time zone, as YYYYMMDD. */
export function dayOf(ms: number, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).formatToParts(new Date(ms));
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('year')}${get('month')}${get('day')}`;
}

function base32(bytes: Buffer, length: number): string {
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5 && out.length < length) {
      out += CROCKFORD[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
    value &= (1 << bits) - 1;
  }
  return out;
}

export function randomSuffix(): string {
  return base32(randomBytes(4), SUFFIX_LENGTH);
}

/** The same (scope, key) always gives the same suffix, so a retried intake lands on the same id. */
export function keyedSuffix(scope: string, key: string): string {
  return base32(createHash('sha256').update(scope).update('\0').update(key).digest(), SUFFIX_LENGTH);
}

export function complaintId(dealerId: string, day: string, suffix: string): string {
  return `CL-${dealerCode(dealerId)}-${day}-${suffix}`;
}
