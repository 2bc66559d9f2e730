import { z } from 'zod';
import { lazySchema } from './lazy-schema';
import { SPACE } from './text';

const UNIT_MS = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 } as const;
type Unit = keyof typeof UNIT_MS;

// "ms" must come before "m" in the alternation so "500ms" is not read as 500 minutes + "s".
const PART = /(\d+(?:\.\d+)?)\s*(ms|s|m|h|d)/y;

export const DURATION_HINT = 'expected a duration like "2h"';

/** Milliseconds in a duration such as "90s", "2h", "3d", "500ms" or "1h30m"; null if unreadable. */
export function readDuration(text: string): number | null {
  const source = text.trim();
  if (source === '') return null;
  let total = 0;
  let at = 0;
  while (at < source.length) {
    PART.lastIndex = at;
    const match = PART.exec(source);
    if (!match) return null;
    const [, amount, unit] = match;
    total += Number(amount) * UNIT_MS[unit as Unit];
    at = PART.lastIndex;
    while (source[at] === ' ') at++;
  }
  return Number.isFinite(total) ? Math.round(total) : null;
}

export function parseDuration(text: string): number {
  const ms = readDuration(text);
  if (ms === null) throw new RangeError(`${DURATION_HINT}, got ${JSON.stringify(text)}`);
  return ms;
}

/** Compact form, largest unit first: 5400000 → "1h30m", 0 → "0s". */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms)) return String(ms);
  if (ms < 0) return `-${formatDuration(-ms)}`;
  let rest = Math.round(ms);
  if (rest === 0) return '0s';
  let out = '';
  for (const unit of ['d', 'h', 'm', 's', 'ms'] as const) {
    const count = Math.floor(rest / UNIT_MS[unit]);
    if (count > 0) {
      out += `${count}${unit}`;
      rest -= count * UNIT_MS[unit];
    }
  }
  return out;
}

/**
 * The longest duration anything here accepts: a policy clock, a pause, an extension. Beyond it
 * a deadline is no deadline, and far beyond it a date overflows (`new Date(...)` throws).
 */
export const MAX_DURATION_MS = 400 * UNIT_MS.d;

/**
 * The JSON Schema of a positive duration string as the API documents it: what readDuration reads,
 * in up to five parts, each small enough that no string it admits exceeds MAX_DURATION_MS (five
 * parts of under 80 days) or rounds to nothing. JSON Schema cannot bound a sum; this keeps every
 * documented value one the API takes. test/domain/duration.test.ts holds it to that.
 */
const PART_UNDER_80_DAYS = [
  '(?:[1-9]|[1-7][0-9])', // d
  '[1-9][0-9]{0,2}', // h
  '[1-9][0-9]{0,4}', // m
  '[1-9][0-9]{0,5}', // s
  '[1-9][0-9]{0,8}', // ms
].map((whole, i) => `${whole}(?:\\.[0-9]{1,6})?[${SPACE}]*${['d', 'h', 'm', 's', 'ms'][i]}`);
const POSITIVE_PART = `(?:${PART_UNDER_80_DAYS.join('|')})`;
export const POSITIVE_DURATION_PATTERN = `^[${SPACE}]*${POSITIVE_PART}(?: *${POSITIVE_PART}){0,4}[${SPACE}]*$`;

/** A duration string ("4h") or a whole, non-negative number of milliseconds; outputs ms. */
const durationSchema = (documented: { text?: Record<string, unknown>; ms?: Record<string, unknown> } = {}) =>
  z
    .union(
      [
        z
          .string()
          .max(64, DURATION_HINT)
          .meta(documented.text ?? {}),
        z.number().meta(documented.ms ?? {}),
      ],
      { error: DURATION_HINT },
    )
    .transform((value, ctx): number => {
      const ms =
        typeof value === 'number' ? (Number.isInteger(value) && value >= 0 ? value : null) : readDuration(value);
      if (ms !== null && ms > MAX_DURATION_MS) {
        ctx.issues.push({
          code: 'custom',
          input: value,
          message: `expected a duration of at most ${formatDuration(MAX_DURATION_MS)}`,
        });
        return z.NEVER;
      }
      if (ms === null) {
        ctx.issues.push({
          code: 'custom',
          input: value,
          message: typeof value === 'number' ? 'expected a whole, non-negative number of milliseconds' : DURATION_HINT,
        });
        return z.NEVER;
      }
      return ms;
    });
export const DurationSchema = lazySchema(() => durationSchema());

export const PositiveDurationSchema = lazySchema(() =>
  durationSchema({
    text: { pattern: POSITIVE_DURATION_PATTERN, description: 'e.g. 4h, 1d, 1h30m; up to 400 days in all' },
    ms: { type: 'integer', minimum: 1, maximum: MAX_DURATION_MS, description: 'milliseconds' },
  }).refine((ms) => ms > 0, {
    message: 'expected a duration longer than zero',
  }),
);
