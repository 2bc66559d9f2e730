import {
  CustomerKeys,
  CustomerPhoneHash,
  indexedCode,
  RepairOrderNo,
  VehiclePlate,
  VehicleVin,
} from '../workflows/search-attributes';
import { COMPLAINT_ID_SHAPE } from './complaint-id';
import { looksLikePhone, type CustomerKeyer } from './customer-keys';

/**
 * Values inside a visibility query. Temporal's parser gives both `\` and `'` a meaning inside a
 * string, so instead of escaping them, a value holding either (or a double quote, a backtick or a
 * control character) is never put in a query: nothing a caller sends can end the string early.
 */
const UNSAFE_IN_LITERAL = /['"`\\\u0000-\u001f\u007f-\u009f]/;

export const safeLiteral = (value: string): boolean => !UNSAFE_IN_LITERAL.test(value);

export function literal(value: string): string {
  if (!safeLiteral(value)) throw new Error(`refusing to put ${JSON.stringify(value)} in a visibility query`);
  return `'${value}'`;
}

/**
 * `GET /v1/complaints?q=` as one clause: the complaint id (exact), or the plate, VIN,
 * repair-order number, customer's name or phone, each hashed as at intake (customer-keys.ts).
 * Hashes are plain hex, so any text can be searched safely; only the id is put in a query as typed.
 */
export function searchClause(q: string, keys: CustomerKeyer): string {
  const text = q.trim();
  const code = indexedCode(text);
  const alternatives: string[] = [];
  if (COMPLAINT_ID_SHAPE.test(code)) alternatives.push(`WorkflowId = ${literal(code)}`);
  if (code) {
    alternatives.push(`${VehiclePlate.name} = ${literal(keys.plate(code))}`);
    alternatives.push(`${VehicleVin.name} = ${literal(keys.vin(code))}`);
    alternatives.push(`${RepairOrderNo.name} = ${literal(keys.repairOrder(code))}`);
  }
  alternatives.push(`${CustomerKeys.name} = ${literal(keys.name(text))}`);
  if (looksLikePhone(text)) alternatives.push(`${CustomerPhoneHash.name} = ${literal(keys.phone(text))}`);
  return `(${alternatives.join(' OR ')})`;
}

/**
 * Whether each `name=` value in a raw query string is valid percent-encoded UTF-8. Fastify hands
 * a value like `%FF` on undecoded, which would be searched as the three characters "%FF".
 */
export function wellEncoded(url: string, name: string): boolean {
  const query = url.slice(url.indexOf('?') + 1 || url.length);
  return query.split('&').every((pair) => {
    const [key, value = ''] = pair.split('=');
    if (key !== name) return true;
    try {
      decodeURIComponent(value.replace(/\+/g, ' '));
      return true;
    } catch {
      return false;
    }
  });
}
