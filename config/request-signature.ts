import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Requests between the stack's own processes carry an HMAC-SHA256 under the internal secret:
 * the API's calls to the analytics process (over the path and query) and the worker's webhook
 * deliveries (over the body). The timestamp is signed too, so a captured request goes stale.
 */
export const SIGNATURE_HEADER = 'x-ladder-signature';
export const TIMESTAMP_HEADER = 'x-ladder-timestamp';
const TOLERANCE_MS = 5 * 60_000;

const mac = (secret: Buffer, at: string, signed: string) =>
  createHmac('sha256', secret).update(`${at}.${signed}`).digest('hex');

/** The headers that prove `signed` (a body, or a path with its query) came from the stack. */
export function signRequest(secret: Buffer, signed: string, now = Date.now()): Record<string, string> {
  const at = String(now);
  return { [TIMESTAMP_HEADER]: at, [SIGNATURE_HEADER]: `v1=${mac(secret, at, signed)}` };
}

/** Why a request's signature is not good, or null when it is. */
export function signatureFault(
  secret: Buffer,
  signed: string,
  headers: Record<string, string | string[] | undefined>,
  now = Date.now(),
): string | null {
  const at = headers[TIMESTAMP_HEADER];
  const given = headers[SIGNATURE_HEADER];
  if (typeof at !== 'string' || typeof given !== 'string') return `missing ${TIMESTAMP_HEADER} or ${SIGNATURE_HEADER}`;
  if (!/^\d{1,15}$/.test(at) || Math.abs(now - Number(at)) > TOLERANCE_MS)
    return `${TIMESTAMP_HEADER} is not within 5 minutes of now`;
  const expected = Buffer.from(`v1=${mac(secret, at, signed)}`);
  const actual = Buffer.from(given);
  return actual.length === expected.length && timingSafeEqual(actual, expected)
    ? null
    : `${SIGNATURE_HEADER} does not match`;
}
