import { createHmac } from 'node:crypto';
import { loadSecret } from '../config/secrets';
import type { Intake } from '../domain/complaint';
import { indexedCode } from '../workflows/search-attributes';

/**
 * Customer keys: how a complaint is found by the customer's phone, name, plate, VIN or repair-order
 * number without any of them entering Temporal visibility, which is not encrypted (SPEC §4). A
 * plate or a VIN names the car's owner as surely as a phone does, so each is PII here. Each is an HMAC-SHA256 under a
 * secret lookup key, so a leaked index cannot be reversed by hashing every phone number.
 *
 * The same normalisation runs at intake and at search, so a search finds what intake stored:
 * - phone: digits only, and a 13-digit number starting with 86 (China's country code) loses it, so
 *   "+86 138-0013-8000", "138 0013 8000" and "13800138000" are one number;
 * - name: NFKC, trimmed, inner whitespace collapsed to one space, lower-cased;
 * - plate, VIN, RO number: indexedCode (NFKC, capitals, no whitespace).
 *
 * Changing the lookup key orphans every stored key: complaints opened before it cannot be found
 * by phone, name, plate, VIN or RO number (by id they still can).
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
  const hash = (kind: string, value: string) =>
    `${kind}:${createHmac('sha256', lookupKey).update(kind).update('\0').update(value).digest('hex').slice(0, 32)}`;
  const phone = (value: string) => hash('phone', normalisePhone(value));
  const name = (value: string) => hash('name', normaliseName(value));
  const plate = (value: string) => hash('plate', indexedCode(value));
  const vin = (value: string) => hash('vin', indexedCode(value));
  const repairOrder = (value: string) => hash('ro', indexedCode(value));
  const of = (customer: { name: string; phone: string }): string[] => [phone(customer.phone), name(customer.name)];
  return {
    phone,
    name,
    plate,
    vin,
    repairOrder,
    of,
    /**
     * What intake stores in state.customerKeys: the customer's keys, then the car's and the repair
     * order's. The workflow indexes each under its own search attribute (searchAttributesOf).
     */
    ofIntake: (intake: Pick<Intake, 'customer' | 'vehicle' | 'repairOrderNo'>): string[] => [
      ...of(intake.customer),
      ...(intake.vehicle.plate ? [plate(intake.vehicle.plate)] : []),
      ...(intake.vehicle.vin ? [vin(intake.vehicle.vin)] : []),
      ...(intake.repairOrderNo ? [repairOrder(intake.repairOrderNo)] : []),
    ],
  };
}

/** The lookup key: LADDER_LOOKUP_KEY if set, else its key file, made on first use. */
export function loadLookupKey(opts: { key?: string | undefined; file: string }): Buffer {
  return loadSecret({ value: opts.key, file: opts.file, what: 'lookup key' });
}
